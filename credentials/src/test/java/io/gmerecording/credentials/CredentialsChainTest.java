package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.Credentials;
import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsChainTest {

    private static final String SECRET = "s3cr3t-key-never-shown";
    /** A loopback port nothing listens on: the CVM role probe is refused at once. */
    static final String NO_METADATA = "http://127.0.0.1:9";

    @TempDir
    Path home;

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(CvmRoleCredentials.ENDPOINT_VARIABLE, NO_METADATA); // never the real metadata host from a test
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private void write(String relative, String content) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        // private, as a credentials file should be (a readable one is warned about: CredentialFilesTest)
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void environmentComesFirst() throws IOException {
        write(".tencentcloud/credentials", "[default]\nsecret_id = FROMFILE\nsecret_key = filekey\n");

        Credentials found = CredentialsChain.standard(env("TENCENTCLOUD_SECRET_ID", "AKIDenv",
                "TENCENTCLOUD_SECRET_KEY", SECRET, "TENCENTCLOUD_TOKEN", "tok"), home).resolve();

        assertThat(found).isEqualTo(Credentials.of("AKIDenv", SECRET, "tok"));
    }

    @Test
    void theSdkProfileFileComesNext() throws IOException {
        write(".tencentcloud/credentials", "# comment\n[other]\nsecret_id = NOPE\nsecret_key = nope\n\n"
                + "[default]\nsecret_id = AKIDfile\n; another comment\nsecret_key = " + SECRET + "\n");
        write(".tccli/default.credential", "{\"secretId\":\"AKIDtccli\",\"secretKey\":\"k\"}");

        assertThat(CredentialsChain.standard(env(), home).resolve()).isEqualTo(Credentials.of("AKIDfile", SECRET));
    }

    @Test
    void tccliFileComesLast() throws IOException {
        write(".tccli/default.credential", "{\"secretId\":\"AKIDtccli\",\"secretKey\":\"" + SECRET
                + "\",\"token\":\"t\"}");

        assertThat(CredentialsChain.standard(env(), home).resolve())
                .isEqualTo(Credentials.of("AKIDtccli", SECRET, "t"));
    }

    @Test
    void tccliProfileFollowsTccliProfileVariable() throws IOException {
        write(".tccli/work.credential", "{\"secretId\":\"AKIDwork\",\"secretKey\":\"" + SECRET + "\"}");

        assertThat(CredentialsChain.standard(env("TCCLI_PROFILE", "work"), home).resolve().secretId())
                .isEqualTo("AKIDwork");
    }

    @Test
    void nothingFoundListsEveryPlaceSearched() {
        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env(), home).resolve());

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_NOT_FOUND);
        assertThat(error.getMessage())
                .contains("explicitly")
                .contains("TENCENTCLOUD_SECRET_ID")
                .contains(home.resolve(".tencentcloud/credentials").toString())
                .contains(home.resolve(".tccli/default.credential").toString());
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void aMalformedIniFileNamesFileAndLineButNotTheSecret() throws IOException {
        write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile\n" + SECRET + "\n");

        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env(), home).resolve());

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_MALFORMED);
        assertThat(error.getMessage()).contains(home.resolve(".tencentcloud/credentials").toString())
                .contains("line 3").doesNotContain(SECRET);
    }

    @Test
    void aMalformedTccliFileNamesFileAndLineButNotTheSecret() throws IOException {
        write(".tccli/default.credential", "{\n\"secretId\": \"AKIDx\",\n\"secretKey\": \"" + SECRET + "\"\n oops }");

        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env(), home).resolve());

        assertThat(error.getMessage()).contains(".tccli").contains("line 4").doesNotContain(SECRET);
    }

    @Test
    void halfAKeyPairIsAnErrorNotASilentFallThrough() {
        CredentialsException error = catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env("TENCENTCLOUD_SECRET_KEY", SECRET), home).resolve());

        assertThat(error.getMessage()).contains("TENCENTCLOUD_SECRET_ID").doesNotContain(SECRET);
    }

    @Test
    void aSectionMissingTheKeyIsNamed() throws IOException {
        write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile\n");

        assertThat(catchThrowableOfType(CredentialsException.class,
                () -> CredentialsChain.standard(env(), home).resolve()).getMessage())
                .contains("secret_key");
    }

    @Test
    void whatWasFoundIsKeptSoFilesAreReadOnce() throws IOException {
        write(".tencentcloud/credentials", "[default]\nsecret_id = AKIDfile\nsecret_key = " + SECRET + "\n");
        CredentialsChain chain = CredentialsChain.standard(env(), home);
        Credentials first = chain.resolve();
        Files.delete(home.resolve(".tencentcloud/credentials"));

        assertThat(chain.resolve()).isSameAs(first);
        assertThat(chain.toString()).doesNotContain(SECRET);
    }

    @Test
    void homeIsTheHomeVariableWhenSetElseUserHome() {
        assertThat(CredentialsChain.home(Map.of("HOME", home.toString()))).isEqualTo(home);
        assertThat(CredentialsChain.home(Map.of("HOME", " "))).isEqualTo(Paths.get(System.getProperty("user.home")));
        assertThat(CredentialsChain.home(Map.of())).isEqualTo(Paths.get(System.getProperty("user.home")));
    }
}
