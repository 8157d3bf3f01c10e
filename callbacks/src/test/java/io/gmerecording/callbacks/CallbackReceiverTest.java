package io.gmerecording.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gmerecording.callbacks.CallbackRefusedException.Reason;
import io.gmerecording.core.RecordMode;
import io.gmerecording.core.TaskRef;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CallbackReceiverTest {

    static final String KEY = "app-permission-key-0123456789";
    /** The guide's sample body. */
    static final String SAMPLE = "{\"BizID\":1400000000,\"RoomID\":\"100\",\"UserID\":\"999\","
            + "\"TaskID\":446946705284000000,\"RecordMode\":1,\"Timestamp\":1675930605,\"EventType\":1,"
            + "\"Detail\":{\"SeqNo\":0,\"FileName\":\"1400000000_100_999/2023-02-09-16-16-45_446946705284000000_audio.mp3\"}}";

    private final List<String> messages = new ArrayList<>();

    @Test
    void takesTheGuidesSampleSignedInHexOfEitherCaseOrBase64() throws Exception {
        byte[] body = bytes(SAMPLE);
        String hex = CallbackSignature.sign(KEY.getBytes(StandardCharsets.UTF_8), body);
        byte[] raw = new byte[20];
        for (int i = 0; i < 20; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        for (String signature : List.of(hex, hex.toUpperCase(Locale.ROOT), Base64.getEncoder().encodeToString(raw),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw), " " + hex + " ")) {
            RecordingEvent event = CallbackReceiver.builder(KEY).build().receive(body, signature).event();

            assertThat(event.task()).isEqualTo(TaskRef.of(1400000000L, 446946705284000000L));
            assertThat(event.roomId()).hasValue("100");
            assertThat(event.userId()).hasValue("999");
            assertThat(event.recordMode()).as("the callback's 1 is mixed").isEqualTo(RecordMode.MIXED_STREAM);
            assertThat(event.callbackRecordModeCode()).hasValue(1L);
            assertThat(event.timestamp()).hasValue(Instant.ofEpochSecond(1675930605L));
            assertThat(event.type()).isEqualTo(RecordingEventType.RECORDING_STARTED);
            assertThat(event.seqNo()).isZero();
            assertThat(event.fileName()).hasValue(
                    "1400000000_100_999/2023-02-09-16-16-45_446946705284000000_audio.mp3");
            assertThat(event.otherFields()).isEmpty();
        }
    }

    @Test
    void theCallbacksRecordModeZeroIsSingleAndOthersAreUnrecognized() throws Exception {
        assertThat(event(SAMPLE.replace("\"RecordMode\":1", "\"RecordMode\":0")).recordMode())
                .isEqualTo(RecordMode.SINGLE_STREAM);
        assertThat(event(SAMPLE.replace("\"RecordMode\":1", "\"RecordMode\":2")).recordMode())
                .isEqualTo(RecordMode.UNRECOGNIZED);
        assertThat(event(SAMPLE.replace("\"RecordMode\":1,", "")).recordMode()).isEqualTo(RecordMode.UNRECOGNIZED);
    }

    @Test
    void unknownEventTypesAndFieldsAreKeptNotFatal() throws Exception {
        RecordingEvent event = event(SAMPLE.replace("\"EventType\":1", "\"EventType\":9,\"Region\":{\"Id\":\"sh\"}")
                .replace("\"SeqNo\":0", "\"SeqNo\":\"4\",\"Bucket\":\"b\""));

        assertThat(event.type()).isEqualTo(RecordingEventType.UNRECOGNIZED);
        assertThat(event.typeCode()).isEqualTo(9);
        assertThat(event.seqNo()).isEqualTo(4);
        assertThat(event.otherFields()).containsEntry("Region", "{\"Id\":\"sh\"}").containsEntry("Detail.Bucket",
                "\"b\"");
    }

    @Test
    void aWrongKeyIsABadSignature() {
        byte[] body = bytes(SAMPLE);
        String signature = CallbackSignature.sign(bytes("another-key"), body);

        assertRefused(Reason.BAD_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(body, signature),
                signature);
    }

    @Test
    void theRightSignatureOverAReSerializedBodyIsABadSignature() {
        String signature = CallbackSignature.sign(bytes(KEY), bytes(SAMPLE));
        byte[] reSerialized = bytes(SAMPLE.replace(",", ", ").replace(":", ": "));

        assertRefused(Reason.BAD_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(reSerialized,
                signature), signature);
    }

    @Test
    void aTruncatedBodyIsABadSignatureAndSignedTruncatedIsMalformed() {
        byte[] whole = bytes(SAMPLE);
        byte[] truncated = bytes(SAMPLE.substring(0, SAMPLE.length() / 2));
        String signatureOfWhole = CallbackSignature.sign(bytes(KEY), whole);
        String signatureOfTruncated = CallbackSignature.sign(bytes(KEY), truncated);

        assertRefused(Reason.BAD_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(truncated,
                signatureOfWhole), signatureOfWhole);
        assertRefused(Reason.MALFORMED, () -> CallbackReceiver.builder(KEY).build().receive(truncated,
                signatureOfTruncated), signatureOfTruncated);
    }

    @Test
    void aSignedBodyWithoutWhatEveryEventHasIsMalformedNamingTheField() {
        assertThat(refusal(SAMPLE.replace("\"TaskID\":446946705284000000,", "")).getMessage())
                .contains("no positive TaskID");
        assertThat(refusal(SAMPLE.replace("\"BizID\":1400000000", "\"BizID\":-1")).getMessage())
                .contains("no positive BizID");
        assertThat(refusal(SAMPLE.replace("\"EventType\":1,", "")).getMessage()).contains("no EventType");
        assertThat(refusal(SAMPLE.replace("446946705284000000", "18446744073709551615")).getMessage())
                .contains("beyond a 64-bit value");
        assertThat(refusal("[1,2]").getMessage()).contains("not a JSON object");
        assertThat(refusal(SAMPLE + "{}").getMessage()).contains("more content");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsReadWhole() throws Exception {
        CallbackReceiver receiver = CallbackReceiver.builder(KEY).maxBodyBytes(100).build();
        byte[] large = new byte[10_000];
        CountingStream stream = new CountingStream(new ByteArrayInputStream(large));

        assertRefused(Reason.TOO_LARGE, () -> receiver.receive(large, "x"), "x");
        assertRefused(Reason.TOO_LARGE, () -> receiver.receive(stream, "x"), "x");
        assertThat(stream.read).as("bytes read from the stream").isEqualTo(101);
    }

    @Test
    void aStaleTimestampIsRefusedWhenFreshnessIsOn() throws Exception {
        Instant sent = Instant.ofEpochSecond(1675930605L);
        CallbackReceiver fresh = CallbackReceiver.builder(KEY).freshness(Duration.ofMinutes(5))
                .clock(Clock.fixed(sent.plusSeconds(299), ZoneOffset.UTC)).build();
        CallbackReceiver late = CallbackReceiver.builder(KEY).freshness(Duration.ofMinutes(5))
                .clock(Clock.fixed(sent.plusSeconds(301), ZoneOffset.UTC)).build();
        CallbackReceiver early = CallbackReceiver.builder(KEY).freshness(Duration.ofMinutes(5))
                .clock(Clock.fixed(sent.minusSeconds(301), ZoneOffset.UTC)).build();
        byte[] body = bytes(SAMPLE);
        String signature = CallbackSignature.sign(bytes(KEY), body);
        byte[] undated = bytes(SAMPLE.replace("\"Timestamp\":1675930605,", ""));
        String undatedSignature = CallbackSignature.sign(bytes(KEY), undated);

        assertThat(fresh.receive(body, signature).event().timestamp()).hasValue(sent);
        assertThat(assertRefused(Reason.STALE, () -> late.receive(body, signature), signature).getMessage())
                .contains("outside the freshness window");
        assertRefused(Reason.STALE, () -> early.receive(body, signature), signature);
        assertRefused(Reason.STALE, () -> fresh.receive(undated, undatedSignature), undatedSignature);
        assertThat(CallbackReceiver.builder(KEY).build().receive(undated, undatedSignature).event().timestamp())
                .as("freshness is off by default").isEmpty();
    }

    @Test
    void aRepeatIsTakenAsADuplicateUntilForgotten() throws Exception {
        CallbackReceiver receiver = CallbackReceiver.builder(KEY).build();
        byte[] body = bytes(SAMPLE);
        String signature = CallbackSignature.sign(bytes(KEY), body);
        byte[] later = bytes(SAMPLE.replace("1675930605", "1675930700"));

        CallbackReceiver.Received first = receiver.receive(body, signature);
        assertThat(first.duplicate()).isFalse();
        assertThat(receiver.receive(body, signature).duplicate()).isTrue();
        assertThat(receiver.receive(later, CallbackSignature.sign(bytes(KEY), later)).duplicate())
                .as("the same task, user, segment and type, sent again later").isTrue();
        byte[] nextType = bytes(SAMPLE.replace("\"EventType\":1", "\"EventType\":2"));
        assertThat(receiver.receive(nextType, CallbackSignature.sign(bytes(KEY), nextType)).duplicate()).isFalse();

        receiver.forget(first.event());
        assertThat(receiver.receive(body, signature).duplicate()).isFalse();
    }

    @Test
    void deDuplicationIsBoundedForgettingTheOldestFirst() throws Exception {
        CallbackReceiver receiver = CallbackReceiver.builder(KEY).rememberedEvents(2).build();
        for (int seqNo = 0; seqNo < 3; seqNo++) {
            assertThat(receive(receiver, SAMPLE.replace("\"SeqNo\":0", "\"SeqNo\":" + seqNo)).duplicate()).isFalse();
        }
        assertThat(receive(receiver, SAMPLE.replace("\"SeqNo\":0", "\"SeqNo\":2")).duplicate()).isTrue();
        assertThat(receive(receiver, SAMPLE.replace("\"SeqNo\":0", "\"SeqNo\":0")).duplicate())
                .as("the oldest was forgotten").isFalse();
    }

    @Test
    void aMissingOrUnreadableSignatureIsRefused() {
        byte[] body = bytes(SAMPLE);
        assertRefused(Reason.MISSING_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(body, null), "");
        assertRefused(Reason.MISSING_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(body,
                "not-a-signature"), "not-a-signature");
        assertRefused(Reason.MISSING_SIGNATURE, () -> CallbackReceiver.builder(KEY).build().receive(body,
                Base64.getEncoder().encodeToString(new byte[19])), Base64.getEncoder().encodeToString(new byte[19]));
    }

    @Test
    void noRefusalOrDescriptionHoldsTheKeyOrASignature() throws Exception {
        aWrongKeyIsABadSignature();
        theRightSignatureOverAReSerializedBodyIsABadSignature();
        aTruncatedBodyIsABadSignatureAndSignedTruncatedIsMalformed();
        aStaleTimestampIsRefusedWhenFreshnessIsOn();
        CallbackReceiver receiver = CallbackReceiver.builder(KEY).build();
        messages.add(receiver.toString());
        messages.add(CallbackReceiver.builder(KEY).toString());
        messages.add(receive(receiver, SAMPLE).toString());

        assertThat(messages).hasSizeGreaterThan(6).allSatisfy(message -> assertThat(message).doesNotContain(KEY)
                .doesNotContain(CallbackSignature.sign(bytes(KEY), bytes(SAMPLE))));
    }

    @Test
    void theBuilderRefusesSettingsThatCannotWork() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> CallbackReceiver.builder("")))
                .hasMessageContaining("appKey");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> CallbackReceiver.builder(KEY).freshness(Duration.ZERO))).hasMessageContaining("PT0S");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> CallbackReceiver.builder(KEY).maxBodyBytes(0))).hasMessageContaining("got 0");
    }

    private RecordingEvent event(String body) throws Exception {
        return receive(CallbackReceiver.builder(KEY).build(), body).event();
    }

    private static CallbackReceiver.Received receive(CallbackReceiver receiver, String body) throws Exception {
        return receiver.receive(bytes(body), CallbackSignature.sign(bytes(KEY), bytes(body)));
    }

    private CallbackRefusedException refusal(String body) {
        String signature = CallbackSignature.sign(bytes(KEY), bytes(body));
        return assertRefused(Reason.MALFORMED, () -> CallbackReceiver.builder(KEY).build().receive(bytes(body),
                signature), signature);
    }

    private CallbackRefusedException assertRefused(Reason reason, Receiving call, String signature) {
        CallbackRefusedException refused = catchThrowableOfType(CallbackRefusedException.class, call::receive);
        assertThat(refused).as("refused as %s", reason).isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.getMessage()).doesNotContain(KEY);
        if (!signature.isEmpty()) {
            assertThat(refused.getMessage()).doesNotContain(signature.trim());
        }
        messages.add(refused.getMessage());
        return refused;
    }

    private interface Receiving {
        void receive() throws Exception;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class CountingStream extends InputStream {
        private final InputStream in;
        int read;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
