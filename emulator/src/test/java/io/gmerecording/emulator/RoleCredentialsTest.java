package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.TransportBuilder;
import io.gmerecording.core.error.AuthenticationException;
import io.gmerecording.credentials.CredentialsChain;
import io.gmerecording.credentials.CvmRoleCredentials;
import io.gmerecording.credentials.TkeOidcCredentials;
import io.gmerecording.http.HttpTransport;
import io.gmerecording.sdk.SdkTransport;
import io.gmerecording.testing.CapturedLog;
import io.gmerecording.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CVM role and TKE OIDC paths end to end, offline: the emulator issues the keys its GME endpoint accepts. */
class RoleCredentialsTest {

    private static final TaskRef SEED = TaskRef.of(3400352518L, 446192236330927912L);

    @TempDir
    Path home;

    static Stream<String> adapters() {
        return Stream.of("http", "sdk");
    }

    private static TransportBuilder<?, ?> adapter(String name) {
        return name.equals("http") ? HttpTransport.builder() : SdkTransport.builder();
    }

    private static Map<String, String> cvm(GmeEmulator emulator) {
        Map<String, String> env = new HashMap<>();
        env.put(CvmRoleCredentials.ENDPOINT_VARIABLE, emulator.endpoint());
        return env;
    }

    private Map<String, String> tke(GmeEmulator emulator) throws Exception {
        Path token = Files.write(home.resolve("token"), "a-web-identity-token\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = new HashMap<>();
        env.put(CvmRoleCredentials.ENDPOINT_VARIABLE, "http://127.0.0.1:9"); // no CVM here: the probe is refused
        env.put(TkeOidcCredentials.STS_VARIABLE, emulator.endpoint());
        env.put("TKE_REGION", "ap-guangzhou");
        env.put("TKE_PROVIDER_ID", "provider");
        env.put("TKE_ROLE_ARN", "qcs::cam::uin/100:roleName/gme");
        env.put("TKE_WEB_IDENTITY_TOKEN_FILE", token.toString());
        return env;
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void theCvmRolePathWorksEndToEnd(String adapter) {
        try (GmeEmulator emulator = GmeEmulator.builder().build();
                Transport query = adapter(adapter).endpoint(emulator.endpoint())
                        .credentialsProvider(CredentialsChain.standard(cvm(emulator), home)).build()) {
            assertThat(query.describe(SEED).roomId()).isEqualTo("7743");
        }
    }

    @ParameterizedTest
    @MethodSource("adapters")
    void theTkeOidcPathWorksEndToEnd(String adapter) throws Exception {
        try (GmeEmulator emulator = GmeEmulator.builder().build();
                Transport query = adapter(adapter).endpoint(emulator.endpoint())
                        .credentialsProvider(CredentialsChain.standard(tke(emulator), home)).build()) {
            assertThat(query.describe(SEED).roomId()).isEqualTo("7743");
        }
    }

    @Test
    void temporaryKeysAreRefreshedBeforeTheyExpireAndRefusedAfter() {
        MutableClock clock = new MutableClock(Instant.now());
        try (GmeEmulator emulator = GmeEmulator.builder().clock(clock)
                .temporaryCredentialLifetime(Duration.ofMinutes(6)).build()) {
            CredentialsChain chain = CredentialsChain.standard(cvm(emulator), home).withClock(clock);
            String first = chain.resolve().secretId();
            clock.advance(Duration.ofMinutes(2)); // four minutes left: the chain asks the role again
            String second = chain.resolve().secretId();
            assertThat(second).isNotEqualTo(first);

            clock.advance(Duration.ofMinutes(5)); // the first key has expired on the emulator's clock
            HttpTransport stale = HttpTransport.builder().endpoint(emulator.endpoint()).clock(clock)
                    .credentials(io.gmerecording.core.Credentials.of(first, "whatever", "whatever")).build();
            AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                    () -> stale.describe(SEED));
            assertThat(refused.code()).isEqualTo("AuthFailure.TokenFailure");
        }
    }

    @Test
    void aMetadataOutageDuringARefreshKeepsTheCredentialsAndTheChainRecoversAfterIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        GmeEmulator first = GmeEmulator.builder().clock(clock).temporaryCredentialLifetime(Duration.ofMinutes(6))
                .build();
        int port = first.port();
        CredentialsChain chain = CredentialsChain.standard(cvm(first), home).withClock(clock);
        io.gmerecording.core.Credentials before = chain.resolve();
        first.close(); // the metadata service goes away

        clock.advance(Duration.ofMinutes(2)); // a refresh is due, and fails: the valid key stays in use
        io.gmerecording.core.Credentials[] during = new io.gmerecording.core.Credentials[1];
        assertThat(CapturedLog.during(CredentialsChain.class.getName(), () -> during[0] = chain.resolve()))
                .as("one warning for the failed refresh").hasSize(1);
        assertThat(during[0]).isEqualTo(before);
        clock.advance(Duration.ofMinutes(5)); // expired, and the service is still away: a typed error
        assertThat(catchThrowableOfType(io.gmerecording.core.error.CredentialsException.class, chain::resolve))
                .hasMessageContaining("expired");

        try (GmeEmulator again = GmeEmulator.builder().port(port).clock(clock).build()) {
            assertThat(again.port()).isEqualTo(port);
            clock.advance(Duration.ofSeconds(30)); // past the backoff between refresh attempts (at most 30 s)
            assertThat(chain.resolve()).as("a new key once the service is back").isNotEqualTo(before);
        }
    }
}
