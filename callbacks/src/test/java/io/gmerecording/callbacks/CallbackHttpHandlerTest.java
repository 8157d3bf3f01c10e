package io.gmerecording.callbacks;

import static io.gmerecording.callbacks.CallbackReceiverTest.KEY;
import static io.gmerecording.callbacks.CallbackReceiverTest.SAMPLE;
import static io.gmerecording.callbacks.CallbackReceiverTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackHttpHandlerTest {

    private final List<RecordingEvent> taken = new CopyOnWriteArrayList<>();
    private final List<RecordingEvent> repeats = new CopyOnWriteArrayList<>();
    private final List<CallbackRefusedException> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gme/callback", new CallbackHttpHandler(
                CallbackReceiver.builder(KEY).maxBodyBytes(4096).build(), new CallbackListener() {
                    @Override
                    public void event(RecordingEvent event) {
                        if (failuresToCome.getAndDecrement() > 0) {
                            throw new IllegalStateException("the application's store is down");
                        }
                        taken.add(event);
                    }

                    @Override
                    public void duplicate(RecordingEvent event) {
                        repeats.add(event);
                    }

                    @Override
                    public void refused(CallbackRefusedException refusal) {
                        refused.add(refusal);
                    }
                }));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gme/callback");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aVerifiedEventIsAnswered200AndPassedOnOnceAndItsRepeat200AndNotPassedOn() throws Exception {
        String signature = CallbackSignature.sign(bytes(KEY), bytes(SAMPLE));

        HttpResponse<String> first = post(SAMPLE, signature);
        HttpResponse<String> again = post(SAMPLE, signature);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"code\":\"OK\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Duplicate");
        assertThat(taken).hasSize(1);
        assertThat(repeats).hasSize(1);
    }

    @Test
    void refusalsAnswerTheirStatusAndNameTheReasonWithoutTheSignature() throws Exception {
        String wrong = CallbackSignature.sign(bytes("another-key"), bytes(SAMPLE));
        String malformed = "{\"BizID\":1}";

        HttpResponse<String> badSignature = post(SAMPLE, wrong);
        HttpResponse<String> noSignature = post(SAMPLE, null);
        HttpResponse<String> badBody = post(malformed, CallbackSignature.sign(bytes(KEY), bytes(malformed)));
        HttpResponse<String> oversized = post("x".repeat(5000), wrong);

        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(badSignature.body()).contains("BAD_SIGNATURE").doesNotContain(wrong).doesNotContain(KEY);
        assertThat(noSignature.statusCode()).isEqualTo(401);
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("MALFORMED").contains("TaskID");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(refused).extracting(CallbackRefusedException::reason).containsExactly(
                CallbackRefusedException.Reason.BAD_SIGNATURE, CallbackRefusedException.Reason.MISSING_SIGNATURE,
                CallbackRefusedException.Reason.MALFORMED, CallbackRefusedException.Reason.TOO_LARGE);
        assertThat(taken).isEmpty();
    }

    @Test
    void anEventTheApplicationCouldNotTakeIsAnswered500AndTakenWhenSentAgain() throws Exception {
        failuresToCome.set(1);
        String signature = CallbackSignature.sign(bytes(KEY), bytes(SAMPLE));

        HttpResponse<String> failed = post(SAMPLE, signature);
        HttpResponse<String> retried = post(SAMPLE, signature);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("IllegalStateException").doesNotContain("store is down");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("\"code\":\"OK\"");
        assertThat(taken).hasSize(1);
    }

    @Test
    void anythingButPostIs405() throws Exception {
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    private HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (signature != null) {
            request.header("Signature", signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
