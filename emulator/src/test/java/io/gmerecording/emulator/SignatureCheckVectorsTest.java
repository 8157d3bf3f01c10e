package io.gmerecording.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.gmerecording.tc3.Tc3Request;
import io.gmerecording.tc3.Tc3Signer;
import io.gmerecording.tc3.Tc3Vectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's signature check against the signer's own test vectors, whose signatures were written down apart
 * from both: a request signed as a vector says is accepted, and the same request with any part changed is refused.
 */
class SignatureCheckVectorsTest {

    private static final String SECRET_ID = "AKIDvector000000000000000000000001";

    static List<Tc3Vectors.Vector> vectors() {
        return Tc3Vectors.all();
    }

    private static SignatureCheck checkFor(Tc3Vectors.Vector vector) {
        return new SignatureCheck(Map.of(SECRET_ID, AcceptedKey.of(SECRET_ID, vector.secretKey)),
                new RoleService(Clock.systemUTC(), Duration.ofMinutes(10)));
    }

    private static Headers headers(Tc3Vectors.Vector vector, String signature) {
        Headers headers = new Headers();
        headers.add("Authorization", vector.authorization(SECRET_ID).replace(vector.signature, signature));
        headers.add("Host", vector.host);
        headers.add("Content-Type", vector.contentType);
        headers.add("X-TC-Timestamp", Long.toString(vector.timestamp));
        if (vector.action != null) {
            headers.add("X-TC-Action", vector.action);
        }
        return headers;
    }

    /** The Rejection's code, or "accepted". */
    private static String verdict(Tc3Vectors.Vector vector, Headers headers, byte[] body) {
        SignatureCheck check = checkFor(vector);
        try {
            SignatureCheck.Scope scope = check.verifyHeaders(headers, Instant.ofEpochSecond(vector.timestamp));
            check.verifyBody(scope, "POST", headers, body);
            return "accepted";
        } catch (Rejection rejected) {
            return rejected.code();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aRequestSignedAsTheVectorSaysIsAccepted(Tc3Vectors.Vector vector) {
        assertThat(verdict(vector, headers(vector, vector.signature), vector.body)).isEqualTo("accepted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void anyChangedPartIsASignatureFailure(Tc3Vectors.Vector vector) {
        String otherSignature = (vector.signature.charAt(0) == '0' ? "1" : "0") + vector.signature.substring(1);
        assertThat(verdict(vector, headers(vector, otherSignature), vector.body))
                .isEqualTo("AuthFailure.SignatureFailure");

        byte[] otherBody = vector.body.clone();
        otherBody[otherBody.length - 1] ^= 1;
        assertThat(verdict(vector, headers(vector, vector.signature), otherBody))
                .isEqualTo("AuthFailure.SignatureFailure");

        Headers otherType = headers(vector, vector.signature);
        otherType.set("Content-Type", "application/json");
        assertThat(verdict(vector, otherType, vector.body)).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void aSignatureOverTheHostNameWithoutItsPortIsTakenAsTheNodeSdkSignsOnAnyPort() {
        Tc3Vectors.Vector withPort = vectors().stream().filter(vector -> vector.name.equals("gme-host-with-port"))
                .findFirst().orElseThrow();
        String portless = signatureOver("127.0.0.1", withPort, withPort.secretKey);

        assertThat(verdict(withPort, headers(withPort, portless), withPort.body)).isEqualTo("accepted");
        assertThat(verdict(withPort, headers(withPort, signatureOver("127.0.0.2", withPort, withPort.secretKey)),
                withPort.body)).as("another host name").isEqualTo("AuthFailure.SignatureFailure");
        assertThat(verdict(withPort, headers(withPort, signatureOver("127.0.0.1", withPort, "a-wrong-key")),
                withPort.body)).as("a wrong key").isEqualTo("AuthFailure.SignatureFailure");
    }

    /** The vector's request signed with {@code key} over {@code host} as the Host (what the Node SDK does). */
    private static String signatureOver(String host, Tc3Vectors.Vector vector, String key) {
        return Tc3Signer.create().signature(key, Tc3Request.builder()
                .service(vector.service).timestamp(vector.timestamp).contentType(vector.contentType).host(host)
                .payload(vector.body).build());
    }
}
