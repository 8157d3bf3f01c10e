package io.gmerecording.cli;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.CallbackTarget;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the local GME emulator until interrupted (Ctrl-C).")
final class EmulatorCommand implements Callable<Integer> {

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--port", defaultValue = "18080", description = "Loopback port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--fixtures", paramLabel = "FILE", description = "Tasks to serve (JSON); default: the built-in demo tasks.")
    Path fixtures;

    @Option(names = "--secret-id", description = "SecretId to accept (with --secret-key-file); default: the demo key.")
    String secretId;

    // a file, not the key itself: a command line is seen by everyone who can list the machine's processes
    @Option(names = "--secret-key-file", paramLabel = "FILE", description = "A file holding the SecretKey to accept "
            + "(with --secret-id; surrounding whitespace ignored).")
    Path secretKeyFile;

    @Option(names = "--step-millis", paramLabel = "MILLIS",
            description = "Override every simulated task's step through the status pipeline.")
    Long stepMillis;

    @Option(names = "--tls", description = "Serve https with a self-signed certificate for 127.0.0.1 made at start; "
            + "prints the certificate's file, for clients' --trust-cert.")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE", description = "With --tls: serve this PKCS12 keystore's key "
            + "instead of a self-signed one.")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "A file holding the --keystore's "
            + "password (a secret stays off the command line); without it, the password is empty.")
    Path keystorePasswordFile;

    @Option(names = "--request-log", paramLabel = "FILE",
            description = "Write every request as it is answered (arrival ms, SecretId, BizId, error code or -) to "
                    + "FILE, one per line, tab-separated: to check a rate limit from outside. FILE is made or emptied "
                    + "at start.")
    Path requestLog;

    @Option(names = "--max-task-id", paramLabel = "ID", description = "The largest TaskId StartRecord hands out "
            + "(default: the largest 64-bit value); 9007199254740991 for a client that reads JSON numbers as doubles, "
            + "such as the official Node SDK.")
    Long maxTaskId;

    @Option(names = "--callback-url", paramLabel = "URL", description = "Send a signed recording callback for every "
            + "event of the lifecycle (a file started, finished, uploaded) to URL; needs --app-key-file.")
    URI callbackUrl;

    @Option(names = "--app-key-file", paramLabel = "FILE", description = "A file holding the application's permission "
            + "key the callbacks are signed with (surrounding whitespace ignored).")
    Path appKeyFile;

    @Option(names = "--callback-drop", paramLabel = "SHARE", defaultValue = "0",
            description = "Of the callbacks, this share (0 to 1) is never sent. Default: ${DEFAULT-VALUE}.")
    double callbackDrop;

    @Option(names = "--callback-duplicate", paramLabel = "SHARE", defaultValue = "0",
            description = "Of the callbacks, this share is sent twice. Default: ${DEFAULT-VALUE}.")
    double callbackDuplicate;

    @Option(names = "--callback-reorder", paramLabel = "SHARE", defaultValue = "0",
            description = "Of the callbacks, this share is sent after the one that followed it. Default: "
                    + "${DEFAULT-VALUE}.")
    double callbackReorder;

    @Option(names = "--callback-delay-millis", paramLabel = "MILLIS", defaultValue = "0",
            description = "Send each callback this long after its event. Default: ${DEFAULT-VALUE}.")
    long callbackDelayMillis;

    /** The callback target of the options, or null without --callback-url. */
    private CallbackTarget callbackTarget() {
        if (callbackUrl == null) {
            if (appKeyFile != null) {
                throw new IllegalArgumentException("--app-key-file is for --callback-url; give both or neither");
            }
            return null;
        }
        if (appKeyFile == null) {
            throw new IllegalArgumentException("--callback-url needs --app-key-file: the callbacks are signed with "
                    + "the application's key");
        }
        if (callbackDelayMillis < 0) {
            throw new IllegalArgumentException("--callback-delay-millis must not be negative, got "
                    + callbackDelayMillis);
        }
        return CallbackTarget.to(callbackUrl, KeyFile.read(appKeyFile, "--app-key-file"))
                .withDropped(callbackDrop).withDuplicated(callbackDuplicate).withReordered(callbackReorder)
                .withDelay(Duration.ofMillis(callbackDelayMillis));
    }

    /** Up to this many tasks are listed one a line at start; more are summed up in one line. */
    static final int LISTED_TASKS = 10;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment environment = parent.environment;
        if ((secretId == null) != (secretKeyFile == null)) {
            throw new IllegalArgumentException("--secret-id and --secret-key-file go together; give both or neither");
        }
        if (stepMillis != null && stepMillis <= 0) {
            throw new IllegalArgumentException("--step-millis must be positive, got " + stepMillis);
        }
        AcceptedKey key = secretId == null ? AcceptedKey.DEMO : AcceptedKey.of(secretId, KeyFile.read(secretKeyFile, "--secret-key-file"));
        GmeEmulator.Builder builder = GmeEmulator.builder().port(port).accept(key).clock(environment.clock)
                .fixtures(fixtures == null ? Fixtures.demo() : Fixtures.load(fixtures));
        if (stepMillis != null) {
            builder.simulationStep(Duration.ofMillis(stepMillis));
        }
        if (maxTaskId != null) {
            if (maxTaskId < 1) {
                throw new IllegalArgumentException("--max-task-id must be positive, got " + maxTaskId);
            }
            builder.maxTaskId(maxTaskId);
        }
        if (keystore != null && !tls) {
            throw new IllegalArgumentException("--keystore needs --tls");
        }
        if (keystorePasswordFile != null && keystore == null) {
            throw new IllegalArgumentException("--keystore-password-file needs --keystore");
        }
        if (tls) {
            if (keystore == null) {
                builder.tls();
            } else {
                builder.tls(keystore, keystorePasswordFile == null ? ""
                        : KeyFile.read(keystorePasswordFile, "--keystore-password-file"));
            }
        }
        if (requestLog != null) {
            builder.requestLogFile(requestLog);
        }
        CallbackTarget callbacks = callbackTarget();
        if (callbacks != null) {
            builder.callbacks(callbacks);
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Interrupts.Handle interruption = environment.interrupts.register(interrupted::countDown);
                GmeEmulator emulator = builder.build()) {
            environment.out.println("listening on " + emulator.endpoint());
            emulator.certificate().ifPresent(certificate -> environment.out.println("certificate (trust it with "
                    + "--trust-cert): " + certificate));
            // the emulator's own throwaway key is told, so clients can sign; a key of the user's stays in its file
            environment.out.println("accepted credentials: TENCENTCLOUD_SECRET_ID=" + key.secretId()
                    + " TENCENTCLOUD_SECRET_KEY=" + (key == AcceptedKey.DEMO ? key.secretKey()
                            : "<the key in " + secretKeyFile + ">"));
            environment.out.println("role credentials (a CVM role): GME_RECORDING_METADATA_ENDPOINT=" + emulator.endpoint());
            environment.out.println("role credentials (TKE OIDC): GME_RECORDING_STS_ENDPOINT=" + emulator.endpoint()
                    + " TKE_REGION=ap-guangzhou TKE_PROVIDER_ID=emulator TKE_ROLE_ARN=qcs::cam::uin/1:roleName/emulator"
                    + " TKE_WEB_IDENTITY_TOKEN_FILE=<any file holding a token>");
            if (callbacks != null) {
                environment.out.println("calling back to " + callbacks.url() + ", signed with the key in "
                        + appKeyFile);
            }
            printTasks(emulator.fixtures().taskIds(), environment);
            environment.out.println("console: " + emulator.consoleUrl() + " (rooms, tasks, requests, callbacks)");
            environment.out.println("press Ctrl-C to stop");
            environment.out.flush();
            interrupted.await();
        }
        return GmeRecordingCli.OK;
    }

    /** Each task on a line of its own when there are few; one line for many, which nobody would read. */
    private static void printTasks(List<long[]> tasks, CliEnvironment environment) {
        if (tasks.size() <= LISTED_TASKS) {
            for (long[] ids : tasks) {
                environment.out.println("serving BizId " + ids[0] + " TaskId " + ids[1]);
            }
            return;
        }
        long apps = tasks.stream().mapToLong(ids -> ids[0]).distinct().count();
        long[] first = tasks.get(0);
        environment.out.println("serving " + tasks.size() + " tasks of " + apps + (apps == 1 ? " app" : " apps")
                + " (the first: BizId " + first[0] + " TaskId " + first[1] + ")");
    }
}
