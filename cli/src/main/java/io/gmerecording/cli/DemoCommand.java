package io.gmerecording.cli;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.RoomRef;
import io.gmerecording.core.RoomTask;
import io.gmerecording.core.StartedRecording;
import io.gmerecording.core.Subscription;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Offline demo: start the emulator, describe the seed task through both adapters, then start, "
        + "modify and stop a room's recording and watch its files to NOTIFIED.")
final class DemoCommand implements Callable<Integer> {

    static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);
    static final RoomRef ROOM = RoomRef.of(3400352518L, "demo-room");

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--step-millis", defaultValue = "400", paramLabel = "MILLIS",
            description = "How fast a stopped task's files move through the pipeline. Default: ${DEFAULT-VALUE}.")
    long stepMillis;

    /** An hour a step: the demo's waits are twenty steps, which must stay a time the clock can hold. */
    static final long MAX_STEP_MILLIS = 3_600_000L;

    @Override
    public Integer call() {
        CliEnvironment environment = parent.environment;
        if (stepMillis <= 0 || stepMillis > MAX_STEP_MILLIS) {
            throw new IllegalArgumentException("--step-millis must be between 1 and " + MAX_STEP_MILLIS
                    + " (an hour), got " + stepMillis);
        }
        try (GmeEmulator emulator = GmeEmulator.builder().clock(environment.clock)
                .simulationStep(Duration.ofMillis(stepMillis)).build();
                GmeRecording http = client(HttpTransport.builder(), emulator, environment);
                GmeRecording sdk = client(SdkTransport.builder(), emulator, environment)) {
            environment.out.println("GME emulator listening on " + emulator.endpoint()
                    + " (demo tasks, demo key; nothing leaves this machine)");

            environment.out.println();
            environment.out.println("1. Describe the seed task (BizId " + SEED.bizId() + ", TaskId " + SEED.taskId()
                    + ") through both adapters:");
            RecordingTask viaHttp = http.query().describe(SEED);
            RecordingTask viaSdk = sdk.query().describe(SEED);
            print(environment, "http", viaHttp);
            print(environment, "sdk ", viaSdk);
            boolean agree = viaHttp.equals(viaSdk); // equal by state: the RequestIds differ
            environment.out.println("   the adapters agree: " + (agree ? "yes" : "NO"));

            environment.out.println();
            environment.out.println("2. The lifecycle of room " + ROOM.roomId().value() + " (users 1001 and 1002 in it):");
            GmeEmulator.Room room = emulator.room(ROOM.bizId(), ROOM.roomId().value()).join("1001").join("1002");
            StartedRecording started = http.control().start(ROOM, RecordMode.SINGLE_STREAM, Subscription.everyone());
            environment.out.println("   started task " + started.task().taskId() + " through the http adapter");
            sdk.control().modify(started.task(), RecordMode.SINGLE_AND_MIXED, Subscription.allBut(List.of("1002")));
            environment.out.println("   modified through the sdk adapter: " + RecordMode.SINGLE_AND_MIXED
                    + ", every user but 1002");
            room.join("1003");
            environment.out.println("   user 1003 joins");
            RoomTask viaHttpTask = http.control().taskOf(ROOM).orElseThrow();
            RoomTask viaSdkTask = sdk.control().taskOf(ROOM).orElseThrow();
            boolean sameTask = viaHttpTask.equals(viaSdkTask) && viaHttpTask.task().equals(started.task());
            environment.out.println("   the room's task, as each adapter tells it: TaskId "
                    + viaHttpTask.task().taskId() + ", " + viaHttpTask.recordMode() + ", "
                    + viaHttpTask.subscription().kind() + " " + viaHttpTask.subscription().userIds()
                    + "; the adapters agree: " + (sameTask ? "yes" : "NO"));
            sdk.control().stop(started.task());
            environment.out.println("   stopped through the sdk adapter");

            environment.out.println();
            environment.out.println("3. Watch task " + started.task().taskId() + " until every recording is "
                    + RecordStatus.NOTIFIED + " (one step every " + stepMillis + " ms):");
            ChangePrinter printer = new ChangePrinter(environment);
            RecordingTask done;
            try (RecordingTracker tracker = http.newTracker(settings -> {
                for (RecordStatus status : RecordStatus.values()) {
                    settings.interval(status, Duration.ofMillis(Math.max(1, stepMillis / 4)));
                }
                settings.timeout(Duration.ofMillis(stepMillis * 20)).listener(printer);
            })) {
                done = tracker.await(started.task(), RecordStatus.NOTIFIED);
            }
            boolean sameFiles = done.equals(sdk.query().describe(started.task()));
            environment.out.println("   reached " + RecordStatus.NOTIFIED + ": " + done.recordings().size()
                    + " recording(s) in room " + TerminalText.escape(done.roomId()) + "; the adapters agree: "
                    + (sameFiles ? "yes" : "NO"));
            environment.out.println();
            boolean allAgree = agree && sameTask && sameFiles;
            environment.out.println(allAgree ? "demo finished: both adapters agree through start, modify and stop, "
                    + "and the room's files reached NOTIFIED" : "demo FAILED: the adapters disagree");
            return allAgree ? GmeRecordingCli.OK : GmeRecordingCli.FAILED;
        } catch (RecordingQueryException e) {
            environment.out.println("demo FAILED: " + TerminalText.escape(e.getMessage()));
            return GmeRecordingCli.FAILED;
        } finally {
            environment.out.flush();
        }
    }

    /** A client of the emulator with its demo key, on the command's time. */
    private static GmeRecording client(TransportBuilder<?, ?> transport, GmeEmulator emulator,
            CliEnvironment environment) {
        Credentials demo = Credentials.of(AcceptedKey.DEMO.secretId(), AcceptedKey.DEMO.secretKey());
        return GmeRecording.builder().transport(transport.endpoint(emulator.endpoint()).credentials(demo).build())
                .timeSource(environment.time).build();
    }

    private static void print(CliEnvironment environment, String adapter, RecordingTask task) {
        environment.out.println("   via " + adapter + " adapter: RoomId " + TerminalText.escape(task.roomId()) + ", "
                + task.recordMode() + ", " + ChangePrinter.summary(task) + ", file "
                + TerminalText.escape(task.recordings().get(0).fileName()) + " (RequestId "
                + TerminalText.escape(task.requestId()) + ")");
    }
}
