package io.gmerecording.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceEndpointTest {

    @Test
    void theHostHeaderDropsTheSchemesDefaultPort() {
        assertThat(ServiceEndpoint.parse("https://GME.tencentcloudapi.com:443", false).hostHeader())
                .isEqualTo("gme.tencentcloudapi.com");
        assertThat(ServiceEndpoint.parse("https://gme.tencentcloudapi.com:8443", false).hostHeader())
                .isEqualTo("gme.tencentcloudapi.com:8443");
        assertThat(ServiceEndpoint.parse("http://127.0.0.1:80", false).hostHeader()).isEqualTo("127.0.0.1");
        assertThat(ServiceEndpoint.parse("http://127.0.0.1:8080/", false).url()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(ServiceEndpoint.parse("https://gme.tencentcloudapi.com", false).isSecure()).isTrue();
        assertThat(ServiceEndpoint.parse("https://gme.tencentcloudapi.com", false).port()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:1", "http://127.0.0.1", "http://127.255.0.9:8", "http://[::1]:9",
        "http://[0:0:0:0:0:0:0:1]"})
    void plainHttpIsAllowedForLoopback(String endpoint) {
        assertThat(ServiceEndpoint.parse(endpoint, false).isSecure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://gme.tencentcloudapi.com", "http://10.0.0.1", "http://127.0.0.1.example.com",
        "http://128.0.0.1", "http://[::2]"})
    void plainHttpToAnyOtherHostNeedsTheOptIn(String endpoint) {
        assertThatThrownBy(() -> ServiceEndpoint.parse(endpoint, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowInsecureHttp");
        assertThat(ServiceEndpoint.parse(endpoint, true).isSecure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://x", "gme.tencentcloudapi.com", "https://", "https://h/path", "https://h?q=1",
        "https://user@h", "https://h#f", "https://bad host"})
    void badEndpointsAreRejectedNamingThem(String endpoint) {
        assertThatThrownBy(() -> ServiceEndpoint.parse(endpoint, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(endpoint.isEmpty() ? "empty" : endpoint.replace("user@", "***@"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:PASSWORD@127.0.0.1", "http:user:PASSWORD@127.0.0.1", "PASSWORD@host",
        "https://a@b:PASSWORD@h/x"})
    void aPasswordInAnEndpointIsNeverQuoted(String endpoint) {
        assertThatThrownBy(() -> ServiceEndpoint.parse(endpoint, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("***@").hasMessageNotContaining("PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999", "https://gme.tencentcloudapi.com:0", "http://localhost:65536"})
    void aPortOutsideTheTcpRangeIsRefusedNamingIt(String endpoint) {
        assertThatThrownBy(() -> ServiceEndpoint.parse(endpoint, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1..65535").hasMessageContaining(endpoint);
    }
}
