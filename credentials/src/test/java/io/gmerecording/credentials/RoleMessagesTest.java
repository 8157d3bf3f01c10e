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

/** What the role sources (CVM, TKE OIDC) say when it cannot be used: the variable and the cause, never a bare exception name. */
class RoleMessagesTest {

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
    void anStsEndpointThatIsNoHttpUrlIsNamedByItsVariableWithoutItsPassword() {
        TkeOidcCredentials source = TkeOidcCredentials.from(Map.of("TKE_REGION", "ap-guangzhou", "TKE_PROVIDER_ID",
                "p", "TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/r", "TKE_WEB_IDENTITY_TOKEN_FILE", "/no/such/token",
                TkeOidcCredentials.STS_VARIABLE, "sts:PASSWORD@sts.internal"));

        CredentialsException error = catchThrowableOfType(CredentialsException.class, source::findExpiring);

        assertThat(error.code()).isEqualTo(ErrorCodes.CLIENT_CREDENTIALS_MALFORMED);
        assertThat(error.detail()).startsWith(TkeOidcCredentials.STS_VARIABLE + " must be an http:// or https:// URL")
                .contains("'sts:***@sts.internal/'").doesNotContain("PASSWORD");
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
