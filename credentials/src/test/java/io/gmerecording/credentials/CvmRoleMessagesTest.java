package io.gmerecording.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the CVM role source says when it cannot be used: the variable and the cause, never a bare exception name. */
class CvmRoleMessagesTest {

    @Test
    void aMetadataEndpointThatIsNoHttpUrlIsNamedByItsVariable() {
        CvmRoleCredentials source = CvmRoleCredentials.from(Map.of(CvmRoleCredentials.ENDPOINT_VARIABLE,
                "file:///etc/passwd"));

        CredentialsException error = catchThrowableOfType(CredentialsException.class, source::findExpiring);

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_MALFORMED);
        assertThat(error.detail()).startsWith(CvmRoleCredentials.ENDPOINT_VARIABLE + " must be an http:// or "
                + "https:// URL").contains("'file:///etc/passwd'");
    }

    @Test
    void aPasswordInTheMetadataEndpointIsNotQuoted() {
        CvmRoleCredentials source = CvmRoleCredentials.from(Map.of(CvmRoleCredentials.ENDPOINT_VARIABLE,
                "ftp://user:PASSWORD@metadata"));

        CredentialsException error = catchThrowableOfType(CredentialsException.class, source::findExpiring);

        assertThat(error.detail()).contains("ftp://***@metadata").doesNotContain("PASSWORD");
    }

    @Test
    void aMetadataServiceThatDidNotAnswerIsSaidInTheListOfPlacesSearched() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepts the connection (the backlog) and never answers: slower than the probe's bound
            CredentialsChain chain = CredentialsChain.of(CvmRoleCredentials.from(Map.of(
                    CvmRoleCredentials.ENDPOINT_VARIABLE, "http://127.0.0.1:" + silent.getLocalPort())));

            CredentialsException error = catchThrowableOfType(CredentialsException.class, chain::resolve);

            assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_NOT_FOUND);
            assertThat(error.detail()).contains("no credentials there (no answer within 1000 ms)");
        }
    }
}
