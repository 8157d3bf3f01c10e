package io.gmerecording.cli;

import io.gmerecording.emulator.AcceptedKey;
import io.gmerecording.emulator.Fixtures;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.emulator.RequestLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
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

    @Option(names = "--secret-id", description = "SecretId to accept (with --secret-key); default: the demo key.")
    String secretId;

    @Option(names = "--secret-key", description = "SecretKey to accept (with --secret-id).")
    String secretKey;

    @Option(names = "--step-millis", paramLabel = "MILLIS",
            description = "Override every simulated task's step through the status pipeline.")
    Long stepMillis;

    @Option(names = "--tls", description = "Serve https with a self-signed certificate for 127.0.0.1 made at start; "
            + "prints the certificate's file, for clients' --trust-cert.")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE", description = "With --tls: serve this PKCS12 keystore's key "
            + "instead of a self-signed one.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", description = "The --keystore's password.")
    String keystorePassword;

    @Option(names = "--request-log", paramLabel = "FILE",
            description = "When stopped, write every request it received (arrival ms, SecretId, BizId, error code or "
                    + "-) to FILE, one per line, tab-separated: to check a rate limit from outside.")
    Path requestLog;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment environment = parent.environment;
        if ((secretId == null) != (secretKey == null)) {
            throw new IllegalArgumentException("--secret-id and --secret-key go together; give both or neither");
        }
        if (stepMillis != null && stepMillis <= 0) {
            throw new IllegalArgumentException("--step-millis must be positive, got " + stepMillis);
        }
        AcceptedKey key = secretId == null ? AcceptedKey.DEMO : AcceptedKey.of(secretId, secretKey);
        GmeEmulator.Builder builder = GmeEmulator.builder().port(port).accept(key).clock(environment.clock)
                .fixtures(fixtures == null ? Fixtures.demo() : Fixtures.load(fixtures));
        if (stepMillis != null) {
            builder.simulationStep(Duration.ofMillis(stepMillis));
        }
        if (keystore != null && !tls) {
            throw new IllegalArgumentException("--keystore needs --tls");
        }
        if (tls) {
            if (keystore == null) {
                builder.tls();
            } else {
                builder.tls(keystore, keystorePassword == null ? "" : keystorePassword);
            }
        }
        try (GmeEmulator emulator = builder.build()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(emulator, environment),
                    "gme-emulator-shutdown"));
            environment.out.println("listening on " + emulator.endpoint());
            emulator.certificate().ifPresent(certificate -> environment.out.println("certificate (trust it with "
                    + "--trust-cert): " + certificate));
            // the emulator's own throwaway key: clients must be told it to sign requests
            environment.out.println("accepted credentials: TENCENTCLOUD_SECRET_ID=" + key.secretId()
                    + " TENCENTCLOUD_SECRET_KEY=" + key.secretKey());
            environment.out.println("role credentials (a CVM role): GME_RECORDING_METADATA_ENDPOINT=" + emulator.endpoint());
            environment.out.println("role credentials (TKE OIDC): GME_RECORDING_STS_ENDPOINT=" + emulator.endpoint()
                    + " TKE_REGION=ap-guangzhou TKE_PROVIDER_ID=emulator TKE_ROLE_ARN=qcs::cam::uin/1:roleName/emulator"
                    + " TKE_WEB_IDENTITY_TOKEN_FILE=<any file holding a token>");
            for (long[] ids : emulator.fixtures().taskIds()) {
                environment.out.println("serving BizId " + ids[0] + " TaskId " + ids[1]);
            }
            environment.out.println("press Ctrl-C to stop");
            environment.out.flush();
            environment.stop.await();
            writeRequestLog(emulator, environment);
        }
        return GmeRecordingCli.OK;
    }

    /** Ctrl-C or a TERM signal: the request log first, while the emulator still holds it. */
    private void stop(GmeEmulator emulator, CliEnvironment environment) {
        writeRequestLog(emulator, environment);
        emulator.close();
    }

    private void writeRequestLog(GmeEmulator emulator, CliEnvironment environment) {
        if (requestLog == null) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (RequestLog.Entry entry : emulator.requestLog().entries()) {
            lines.append(entry.arrivedMillis()).append('\t').append(entry.secretId()).append('\t')
                    .append(entry.bizId()).append('\t').append(entry.errorCode() == null ? "-" : entry.errorCode())
                    .append('\n');
        }
        try {
            Files.writeString(requestLog, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            environment.err.println("gme-recording: cannot write the request log to " + requestLog + ": "
                    + e.getMessage());
            environment.err.flush();
        }
    }
}
