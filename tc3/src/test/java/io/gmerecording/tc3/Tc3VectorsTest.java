package io.gmerecording.tc3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The signer reproduces every vector: the canonical request's hash, the signed header names and the signature. */
class Tc3VectorsTest {

    static List<Tc3Vectors.Vector> vectors() {
        return Tc3Vectors.all();
    }

    static Tc3Request request(Tc3Vectors.Vector vector) {
        Tc3Request.Builder request = Tc3Request.builder().service(vector.service).timestamp(vector.timestamp)
                .contentType(vector.contentType).host(vector.host).payload(vector.body);
        if (vector.action != null) {
            request.header("X-TC-Action", vector.action);
        }
        return request.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theSignerReproducesTheVector(Tc3Vectors.Vector vector) {
        Tc3Request request = request(vector);

        assertThat(Tc3Signer.signedHeaderNames(request)).isEqualTo(vector.signedHeaders);
        assertThat(Tc3Signer.sha256Hex(Tc3Signer.canonicalRequest(request).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(vector.canonicalRequestSha256);
        assertThat(Tc3Signer.create().signature(vector.secretKey, request)).isEqualTo(vector.signature);
        assertThat(Tc3Signer.create().authorization("AKIDvector", vector.secretKey, request))
                .isEqualTo(vector.authorization("AKIDvector"));
    }

    @Test
    void theSetHoldsThePublishedExampleAndTheCasesThatBreakSigners() {
        assertThat(vectors()).extracting(vector -> vector.name).contains("tencent-published-cvm",
                "gme-last-second-of-a-day", "gme-action-header-signed", "gme-host-with-port", "gme-utf8-body");
        assertThat(vectors().get(0).signature)
                .isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }
}
