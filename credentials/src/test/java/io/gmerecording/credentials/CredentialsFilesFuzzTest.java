package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Whatever a credentials file holds, the INI and tccli parsers find credentials, find none, or name the problem in a
 * CredentialsException that never quotes the file's secret. Stored inputs run in {@code mvn verify}.
 */
class CredentialsFilesFuzzTest {

    private static final Path DIR = temporaryDirectory();

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("gme-credentials-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyIniFileIsFoundNotFoundOrNamedAsMalformed(byte[] content) throws IOException {
        Path file = DIR.resolve("credentials");
        write(file, content);
        check(() -> ProfileFileCredentials.of(file).find());
    }

    @FuzzTest(maxDuration = "60s")
    void anyTccliFileIsFoundNotFoundOrNamedAsMalformed(byte[] content) throws IOException {
        Path file = DIR.resolve("default.credential");
        write(file, content);
        check(() -> TccliCredentials.of(file).find());
    }

    /** Private, as a credentials file should be: a readable one is warned about once, which is not this target. */
    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private interface Find {
        Optional<Credentials> find();
    }

    private static void check(Find source) {
        try {
            source.find().ifPresent(found -> assertThat(found.secretKey()).isNotBlank());
        } catch (CredentialsException malformed) {
            assertThat(malformed.code()).isEqualTo("Client.CredentialsMalformed");
        }
    }
}
