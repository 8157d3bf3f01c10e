// The official Node SDK (tencentcloud-sdk-nodejs) against a running gme-recording emulator, as a Node user calls it,
// with every answer compared with what our two adapters (the command line, --adapter http and sdk) give for the same
// state. Run by bin/node-sdk-check, which starts the emulator; usage: node lifecycle.mjs ENDPOINT CLI
// (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY in the environment). Exits 1 at the first disagreement.
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import tencentcloud from "tencentcloud-sdk-nodejs";
import JSONbig from "json-bigint";

const [endpoint, cli] = process.argv.slice(2);
const host = new URL(endpoint).host;
const secretId = process.env.TENCENTCLOUD_SECRET_ID;
const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
const exact = JSONbig({ useNativeBigInt: true, protoAction: "ignore", constructorAction: "ignore" });
const BIZ = 3400352518;
const SEED_TASK = 446192236330927912n; // above 2^53: only a BigInt holds it
const ROOM = "node-sdk";

const Client = tencentcloud.gme.v20180711.Client;
const client = (key) => new Client({
  credential: { secretId, secretKey: key },
  region: "",
  profile: { httpProfile: { endpoint: host, protocol: new URL(endpoint).protocol + "//" } },
});
const node = client(secretKey);

/** One command of ours, through one adapter: its JSON line, ids exact. */
function ours(adapter, ...args) {
  let out;
  try {
    out = execFileSync(cli, [...args, "--endpoint", endpoint, "--adapter", adapter, "--output", "json"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (failed) {
    out = failed.stdout; // a failed command still prints its JSON line with the error
  }
  return exact.parse(out.trim().split("\n").pop());
}

function bothAdapters(...args) {
  const [http, sdk] = ["http", "sdk"].map((adapter) => ours(adapter, ...args));
  const withoutRequestIds = (answer) => exact.stringify(answer, (key, value) => (key === "requestId" ? undefined : value));
  assert.equal(withoutRequestIds(sdk), withoutRequestIds(http), `our adapters disagree on ${args[0]}`);
  return http;
}

async function room(userId, move) {
  const answer = await fetch(`${endpoint}/emulator/rooms/${BIZ}/${ROOM}/users/${userId}/${move}`, { method: "POST" });
  assert.equal(answer.status, 200, `the control endpoint refused ${move} of ${userId}`);
}

/** DescribeRecordInfo through the Node SDK and through ours: the same room, mode and recordings. */
async function describeAgrees(taskId, step) {
  const answer = await node.DescribeRecordInfo({ BizId: BIZ, TaskId: BigInt(taskId) });
  const mine = bothAdapters("describe", "--biz-id", String(BIZ), "--task-id", String(taskId));
  assert.equal(mine.roomId, answer.RoomId, step);
  assert.equal(Number(mine.recordModeCode), answer.RecordMode, step);
  assert.deepEqual(mine.recordings.map((r) => [r.userId, r.fileName, Date.parse(r.beginTime) / 1000, Number(r.statusCode)]),
    (answer.RecordInfo ?? []).map((r) => [r.UserId, r.FileName, r.RecordBeginTime, r.RecordStatus]), step);
  console.log(`agree  ${step}: DescribeRecordInfo, ${answer.RecordInfo?.length ?? 0} recordings`);
  return answer;
}

/** DescribeTaskInfo through the Node SDK and `room` through ours. */
async function taskInfoAgrees(taskId, mode, kind, userIds, step) {
  const answer = await node.DescribeTaskInfo({ BizId: BIZ, RoomId: ROOM });
  const mine = bothAdapters("room", "--biz-id", String(BIZ), "--room-id", ROOM);
  assert.equal(answer.TaskId, taskId, step);
  assert.equal(BigInt(mine.taskId), BigInt(taskId), step);
  assert.equal(answer.RecordMode, mode, step);
  assert.equal(Number(mine.recordModeCode), mode, step);
  const lists = answer.SubscribeRecordUserIds ?? {};
  const given = (kind === "ONLY" ? lists.SubscribeUserIds : lists.UnSubscribeUserIds) ?? [];
  assert.equal(mine.subscription, kind, step);
  assert.deepEqual(mine.userIds, userIds, step);
  assert.deepEqual(given, userIds, step);
  console.log(`agree  ${step}: DescribeTaskInfo, task ${taskId}, mode ${mode}, ${kind} ${userIds}`);
}

async function refused(call, code, step) {
  await assert.rejects(call, (e) => e.code === code, `${step}: expected ${code}`);
  console.log(`agree  ${step}: refused with ${code}`);
}

await describeAgrees(SEED_TASK, "the seed task, its TaskId a BigInt");

for (const user of ["u1", "u2", "u3"]) {
  await room(user, "join");
}
const started = await node.StartRecord({ BizId: BIZ, RoomId: ROOM, RecordMode: 3,
  SubscribeRecordUserIds: { SubscribeUserIds: ["u1", "u2"] } });
const taskId = started.TaskId;
assert.ok(Number.isSafeInteger(taskId), `TaskId ${taskId} reached the Node SDK rounded (start the emulator with --max-task-id)`);
const again = bothAdapters("start", "--biz-id", String(BIZ), "--room-id", ROOM, "--mode", "both");
assert.equal(BigInt(again.taskId), BigInt(taskId), "a start of ours finds the Node SDK's task");
assert.equal(again.alreadyRunning, true);
console.log(`agree  StartRecord: task ${taskId}; a start of ours returns it as already running`);
await refused(node.StartRecord({ BizId: BIZ, RoomId: ROOM, RecordMode: 3 }), "ResourceInUse.TaskInUse", "StartRecord again");

await taskInfoAgrees(taskId, 3, "ONLY", ["u1", "u2"], "after StartRecord");
await describeAgrees(taskId, "after StartRecord");

await node.ModifyRecordInfo({ BizId: BIZ, TaskId: taskId, RecordMode: 1,
  SubscribeRecordUserIds: { UnSubscribeUserIds: ["u2"] } });
await taskInfoAgrees(taskId, 1, "ALL_BUT", ["u2"], "after ModifyRecordInfo");
await room("u1", "mute");
await room("u1", "unmute");
await describeAgrees(taskId, "after a modify and an unmute");

await node.StopRecord({ BizId: BIZ, TaskId: taskId });
let last;
for (let polls = 0; polls < 100; polls++) {
  last = await node.DescribeRecordInfo({ BizId: BIZ, TaskId: taskId });
  if (last.RecordInfo.every((r) => r.RecordStatus === 14)) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
assert.ok(last.RecordInfo.every((r) => r.RecordStatus === 14), "the files did not reach NOTIFIED (14)");
await describeAgrees(taskId, "after StopRecord, every file NOTIFIED");
await refused(node.StopRecord({ BizId: BIZ, TaskId: taskId }), "ResourceNotFound.TaskNotFound", "StopRecord again");
assert.equal(bothAdapters("stop", "--biz-id", String(BIZ), "--task-id", String(taskId)).error.code,
  "ResourceNotFound.TaskNotFound");
await refused(node.DescribeTaskInfo({ BizId: BIZ, RoomId: ROOM }), "ResourceNotFound.RoomNotFound", "DescribeTaskInfo after the stop");

await refused(client(secretKey + "-wrong").DescribeRecordInfo({ BizId: BIZ, TaskId: SEED_TASK }),
  "AuthFailure.SignatureFailure", "a wrong key");
console.log("node-sdk-check: tencentcloud-sdk-nodejs and both our adapters agree on the whole lifecycle");
