// A one-shot DescribeRecordInfo through the official Node SDK, as a Node user writes it: the endpoint from argv,
// the key from the environment, the 64-bit TaskId as a BigInt. Prints the answer's RoomId.
const tencentcloud = require("tencentcloud-sdk-nodejs");

const client = new tencentcloud.gme.v20180711.Client({
  credential: {
    secretId: process.env.TENCENTCLOUD_SECRET_ID,
    secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
  },
  region: "",
  profile: { httpProfile: { endpoint: process.argv[2], protocol: "http://" } },
});

client.DescribeRecordInfo({ BizId: 3400352518, TaskId: BigInt("446192236330927912") }).then(
  (answer) => console.log("room " + answer.RoomId),
  (error) => {
    console.error("failed: " + error.code);
    process.exit(1);
  },
);
