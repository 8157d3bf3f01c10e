package io.gmerecording.tc3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Tc3SignerTest {

    /** Tencent's published signature v3 example (CVM DescribeInstances). */
    private static final String VECTOR_BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

    private static Tc3Request publishedVector() {
        return Tc3Request.builder()
                .service("cvm")
                .timestamp(1551113065L)
                .contentType("application/json; charset=utf-8")
                .host("cvm.tencentcloudapi.com")
                .payload(VECTOR_BODY.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void reproducesThePublishedVector() {
        Tc3Request request = publishedVector();

        assertThat(Tc3Signer.sha256Hex(request.payload()))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(Tc3Signer.sha256Hex(Tc3Signer.canonicalRequest(request).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(Tc3Signer.credentialScope(request)).isEqualTo("2019-02-25/cvm/tc3_request");
        assertThat(Tc3Signer.create().authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", request))
                .isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                        + "SignedHeaders=content-type;host, "
                        + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void canonicalRequestHasTheDocumentedLayout() {
        assertThat(Tc3Signer.canonicalRequest(publishedVector())).isEqualTo("POST\n/\n\n"
                + "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
                + "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    }

    @Test
    void theCachedSigningKeyIsNotReusedForAnotherKeyDateOrService() {
        Tc3Signer signer = Tc3Signer.create();
        Tc3Request request = publishedVector();
        String first = signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", request);

        assertThat(signer.signature("another-key", request)).isNotEqualTo(first);
        Tc3Request nextDay = Tc3Request.builder().service("cvm").timestamp(1551113065L + 86400)
                .contentType("application/json; charset=utf-8").host("cvm.tencentcloudapi.com")
                .payload(request.payload()).build();
        assertThat(signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", nextDay))
                .isEqualTo(Tc3Signer.create().signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", nextDay));
        assertThat(signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", request)).isEqualTo(first);
    }

    @Test
    void theDateOfTheScopeIsUtcNotLocalTime() {
        // 2019-02-25T23:59:59Z and one second later fall on different UTC dates whatever the JVM's zone
        Tc3Request lastSecond = Tc3Request.builder().service("gme").timestamp(1551139199L)
                .contentType("a").host("h").build();
        Tc3Request nextDay = Tc3Request.builder().service("gme").timestamp(1551139200L)
                .contentType("a").host("h").build();

        assertThat(Tc3Signer.credentialScope(lastSecond)).isEqualTo("2019-02-25/gme/tc3_request");
        assertThat(Tc3Signer.credentialScope(nextDay)).isEqualTo("2019-02-26/gme/tc3_request");
    }

    @Test
    void signedHeadersAreLowerCaseInAsciiOrderWithValuesTrimmedAndLowered() {
        Tc3Request request = Tc3Request.builder().service("gme").timestamp(1L)
                .header("X-TC-Action", " DescribeRecordInfo ").host("GME.example:8443").contentType("application/json")
                .build();

        assertThat(Tc3Signer.signedHeaderNames(request)).isEqualTo("content-type;host;x-tc-action");
        assertThat(Tc3Signer.canonicalRequest(request)).contains(
                "content-type:application/json\nhost:gme.example:8443\nx-tc-action:describerecordinfo\n");
    }

    @Test
    void rejectsRequestsThatCannotBeSignedNamingTheProblem() {
        assertThatThrownBy(() -> Tc3Request.builder().service("gme").timestamp(1).host("h").build())
                .hasMessageContaining("content-type");
        assertThatThrownBy(() -> Tc3Request.builder().timestamp(1).host("h").contentType("c").build())
                .hasMessageContaining("service");
        assertThatThrownBy(() -> Tc3Request.builder().service("gme").host("h").contentType("c").build())
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> Tc3Signer.create().signature("", publishedVector())).hasMessageContaining("secretKey");
    }

    @Test
    void toStringShowsNoPayloadOrSecret() {
        assertThat(publishedVector().toString()).doesNotContain("instance-name").contains("cvm");
    }
}
