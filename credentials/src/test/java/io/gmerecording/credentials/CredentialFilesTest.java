package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.testing.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What can sit where a credentials file should be, and what a credential value may hold. */
class CredentialFilesTest {

    private static final String SECRET = "fixture-secret-key-0123";

    @TempDir
    Path home;

    private Path profileFile() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".tencentcloud"));
        return dir.resolve("credentials");
    }

    /** Resolves the standard chain over this home, failing the test rather than hanging. */
    private CredentialsException failure() {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                CredentialsException.class, () -> CredentialsChain.standard(Collections.emptyMap(), home).resolve()));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", profileFile().toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(failure()).hasMessageContaining(profileFile().toString()).hasMessageContaining("not a regular file");
    }

    @Test
    void aLinkToDevZeroIsRefused() throws Exception {
        Files.createSymbolicLink(profileFile(), Paths.get("/dev/zero"));

        assertThat(failure()).hasMessageContaining("not a regular file");
        Files.delete(profileFile()); // the link, so the temporary directory's clean-up has nothing to warn about
    }

    @Test
    void aTokenFileWithWindowsLineEndsIsTrimmedNotRefused() throws Exception {
        Path tccli = Files.createDirectories(home.resolve(".tccli")).resolve("default.credential");
        Files.write(tccli, ("{\"secretId\":\"AKIDcrlf\",\"secretKey\":\"" + SECRET + "\",\"token\":\"tok\\r\\n\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(tccli, PosixFilePermissions.fromString("rw-------"));

        assertThat(CredentialsChain.standard(Collections.emptyMap(), home).resolve())
                .isEqualTo(Credentials.of("AKIDcrlf", SECRET, "tok"));
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Files.createDirectories(profileFile());

        assertThat(failure()).hasMessageContaining("not a regular file");
    }

    @Test
    void aOneMegabyteFileIsRefusedUnread() throws Exception {
        Files.write(profileFile(), new byte[1024 * 1024]);

        assertThat(failure()).hasMessageContaining("larger than 64 KiB");
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        byte[] text = ("[default]\nsecret_id = AKIDbom\nsecret_key = " + SECRET + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(profileFile(), withBom);
        Files.setPosixFilePermissions(profileFile(), PosixFilePermissions.fromString("rw-------"));

        assertThat(CredentialsChain.standard(Collections.emptyMap(), home).resolve())
                .isEqualTo(Credentials.of("AKIDbom", SECRET));
    }

    @Test
    void aFileOthersCanReadGetsOneWarningNamingIt() throws Exception {
        Files.write(profileFile(), ("[default]\nsecret_id = AKIDopen\nsecret_key = " + SECRET + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(profileFile(), PosixFilePermissions.fromString("rw-r--r--"));
        List<LogRecord> logged = CapturedLog.during(CredentialsChain.class.getName(), () -> {
            CredentialsChain.standard(Collections.emptyMap(), home).resolve();
            CredentialsChain.standard(Collections.emptyMap(), home).resolve();
        });

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getParameters()).contains(profileFile());
            assertThat(String.valueOf(record.getMessage())).doesNotContain(SECRET);
        });
    }

    @Test
    void aPrivateFileGetsNoWarning() throws Exception {
        Files.write(profileFile(), ("[default]\nsecret_id = AKIDclosed\nsecret_key = " + SECRET + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(profileFile(), PosixFilePermissions.fromString("rw-------"));

        assertThat(CapturedLog.during(CredentialsChain.class.getName(),
                () -> CredentialsChain.standard(Collections.emptyMap(), home).resolve())).isEmpty();
    }

    @Test
    void aProfileThatIsAPathIsRefusedNotFollowed() {
        Map<String, String> env = Collections.singletonMap("TCCLI_PROFILE", "../../etc/secrets");

        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env, home).resolve());

        assertThat(error).hasMessageContaining("TCCLI_PROFILE must be a plain profile name");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("TENCENTCLOUD_TOKEN", "tok\ren"),
                Arguments.of("TENCENTCLOUD_TOKEN", "token\nX-Injected: 1"),
                Arguments.of("TENCENTCLOUD_TOKEN", "tok\u0000en"),
                Arguments.of("TENCENTCLOUD_TOKEN", "t\u00f6ken"),
                Arguments.of("TENCENTCLOUD_TOKEN", "x".repeat(10 * 1024)),
                Arguments.of("TENCENTCLOUD_SECRET_ID", "AKID\r\nwith-crlf"),
                Arguments.of("TENCENTCLOUD_SECRET_ID", "AKID\u00a0nbsp"),
                Arguments.of("TENCENTCLOUD_SECRET_KEY", "key with space"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aValueThatCannotBeSentIsATypedErrorNamingTheSourceNeverTheValue(String variable, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("TENCENTCLOUD_SECRET_ID", "AKIDenvironment");
        env.put("TENCENTCLOUD_SECRET_KEY", SECRET);
        env.put(variable, value);

        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env, home).resolve());

        assertThat(error.code()).isEqualTo("Client.CredentialsMalformed");
        assertThat(error).hasMessageContaining("environment variable " + variable);
        assertThat(error.getMessage()).doesNotContain(value.trim()).doesNotContain(SECRET);
        assertThat(error.getCause()).isNull();
    }
}
