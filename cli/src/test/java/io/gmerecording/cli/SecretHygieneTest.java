package io.gmerecording.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.emulator.Dispatcher;
import io.gmerecording.emulator.GmeEmulator;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Secrets stay secret whatever happens: odd credential values are a typed error that quotes none of them, and a
 * server that echoes the request's Authorization header and token (in an error Message, in a 400 body) shows neither
 * in any exception, cause, log line or CLI output. Both adapters and the command line.
 */
class SecretHygieneTest {

    private static final String SECRET_ID = "AKIDhygieneSecretIdFull0001";
    private static final String SECRET_KEY = "hygiene-secret-key-0123456789";
    private static final String TOKEN = "hygiene-session-token-abcdef";
    /** A TC3 signature as the server would echo it. */
    private static final String SIGNATURE = "(?i)Signature=[0-9a-f]{8}";
    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);

    private GmeEmulator echo;
    private volatile int status = 200;
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " "
                    + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        // the emulator's own answers are replaced by one that echoes what was sent
        echo = GmeEmulator.builder().dispatcher(request -> {
            String headers = "Authorization: " + request.header("Authorization").orElse(null)
                    + " X-TC-Token: " + request.header("X-TC-Token").orElse(null);
            return Optional.of(Dispatcher.Answer.of(status, status == 200
                    ? "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"you sent "
                            + headers.replace("\"", "'") + "\"},\"RequestId\":\"r\"}}"
                    : "<html>bad request: " + headers + "</html>"));
        }).build();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Logger.getLogger("io.gmerecording").setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("io.gmerecording").setLevel(null);
        echo.close();
    }

    private String endpoint() {
        return echo.endpoint();
    }

    private static TransportBuilder<?, ?> adapter(String name) {
        return name.equals("http") ? HttpTransport.builder() : SdkTransport.builder();
    }

    static Stream<Arguments> oddValues() {
        List<Arguments> cases = new ArrayList<>();
        String[][] values = {{"CR", "tok\ren"}, {"LF", "tok\nen"}, {"NUL", "tok\u0000en"}, {"non-ASCII", "t\u00f6ken"},
            {"10 KB", "t".repeat(10 * 1024)}};
        for (String adapter : new String[] {"http", "sdk"}) {
            for (String[] value : values) {
                cases.add(Arguments.of(adapter, "token", value[0], value[1]));
                cases.add(Arguments.of(adapter, "SecretId", value[0], "AKID" + value[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("oddValues")
    void anOddCredentialValueIsATypedErrorThatQuotesNothing(String adapter, String field, String kind, String value) {
        Credentials odd = field.equals("token") ? Credentials.of(SECRET_ID, SECRET_KEY, value)
                : Credentials.of(value, SECRET_KEY, TOKEN);
        Throwable error;
        try (Transport query = adapter(adapter).endpoint(endpoint()).credentials(odd).build()) {
            error = catchThrowable(() -> query.describe(TASK));
        }

        assertThat(error).isInstanceOf(CredentialsException.class).hasMessageContaining(field);
        assertQuotesNone(error, value, SECRET_KEY);
    }

    @ParameterizedTest(name = "{0} answering {1}")
    @MethodSource("echoes")
    void aServerThatEchoesTheRequestShowsNoSecret(String adapter, int answerStatus) {
        status = answerStatus;
        Throwable error;
        try (Transport query = adapter(adapter).endpoint(endpoint())
                .credentials(Credentials.of(SECRET_ID, SECRET_KEY, TOKEN)).build()) {
            error = catchThrowable(() -> query.describe(TASK));
        }

        assertThat(error).isInstanceOf(RecordingQueryException.class);
        assertQuotesNone(error, TOKEN, SECRET_ID, SECRET_KEY);
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN).doesNotContain(SECRET_ID);
    }

    static Stream<Arguments> echoes() {
        return Stream.of(Arguments.of("http", 200), Arguments.of("http", 400), Arguments.of("sdk", 200),
                Arguments.of("sdk", 400));
    }

    @Test
    void theCommandLineShowsNoSecretFromAnEchoingServerNorFromAnOddValue() {
        Map<String, String> env = new HashMap<>();
        env.put("TENCENTCLOUD_SECRET_ID", SECRET_ID);
        env.put("TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
        env.put("TENCENTCLOUD_TOKEN", TOKEN);
        List<String> outputs = new ArrayList<>();
        for (String adapter : new String[] {"http", "sdk"}) {
            for (String output : new String[] {"table", "json"}) {
                CliRun run = CliRun.run(env, java.nio.file.Paths.get("/nonexistent-home"), new FakeTime(), "describe",
                        "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint", endpoint(),
                        "--adapter", adapter, "--output", output, "--verbose", "--max-attempts", "1");
                assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
                outputs.add(run.out + run.err);
            }
        }
        String[] kinds = {"tok\ren", "tok\nen", "tok\u0000en", "t\u00f6ken", "t".repeat(10 * 1024)};
        for (String variable : new String[] {"TENCENTCLOUD_TOKEN", "TENCENTCLOUD_SECRET_ID"}) {
            for (String kind : kinds) {
                Map<String, String> odd = new HashMap<>(env);
                odd.put(variable, kind + "-" + TOKEN);
                CliRun run = CliRun.run(odd, java.nio.file.Paths.get("/nonexistent-home"), new FakeTime(), "describe",
                        "--biz-id", "3400352518", "--task-id", "446192236330927912", "--endpoint", endpoint());
                assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
                assertThat(run.err).startsWith("gme-recording: Client.CredentialsMalformed: environment variable "
                        + variable);
                assertThat(run.out + run.err).doesNotContain(kind);
                outputs.add(run.out + run.err);
            }
        }

        assertThat(String.join("\n", outputs)).doesNotContain(TOKEN).doesNotContain(SECRET_ID)
                .doesNotContain(SECRET_KEY).doesNotContainPattern(SIGNATURE).contains("Signature=<redacted>");
    }

    /** Neither the message nor any cause's, nor a suppressed one's, holds any of the texts or a signature. */
    private static void assertQuotesNone(Throwable error, String... texts) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            List<Throwable> all = new ArrayList<>();
            all.add(t);
            Collections.addAll(all, t.getSuppressed());
            for (Throwable each : all) {
                for (String text : texts) {
                    assertThat(String.valueOf(each.getMessage())).as("message of %s", each.getClass().getName())
                            .doesNotContain(text).doesNotContainPattern(SIGNATURE);
                }
            }
        }
    }
}
