package io.gmerecording.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever bytes arrive, signed or not, the receiver gives an event or a typed refusal that quotes neither the key nor
 * a signature, nothing else. Each input is tried signed (so the parser reads it) and with its first 40 bytes as the
 * signature header. Stored inputs run in {@code mvn verify}.
 */
class CallbackReceiverFuzzTest {

    private static final String KEY = "fuzz-app-key";

    @FuzzTest(maxDuration = "60s")
    void anyBodyAndSignatureIsAnEventOrATypedRefusal(byte[] body) {
        CallbackReceiver receiver = CallbackReceiver.builder(KEY).maxBodyBytes(2048).build();
        String signed = CallbackSignature.sign(KEY.getBytes(StandardCharsets.UTF_8), body);
        String header = new String(body, 0, Math.min(40, body.length), StandardCharsets.ISO_8859_1);
        for (String signature : new String[] {signed, header}) {
            try {
                CallbackReceiver.Received received = receiver.receive(body, signature);
                assertThat(received.event().task().taskId()).isPositive();
                assertThat(received.event().task().bizId()).isPositive();
            } catch (CallbackRefusedException refused) {
                assertThat(refused.reason()).isNotNull();
                assertThat(refused.getMessage()).doesNotContain(KEY).doesNotContain(signed);
            }
        }
    }
}
