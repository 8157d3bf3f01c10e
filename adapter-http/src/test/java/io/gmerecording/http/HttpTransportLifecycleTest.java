package io.gmerecording.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.CancelledException;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Threads start on demand and end when idle or closed; a stalled exchange ends in time and leaves no interrupt; a
 * closed query refuses calls; toBuilder keeps every setting.
 */
class HttpTransportLifecycleTest {

    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);
    private static final String ANSWER = "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RequestId\":\"r1\"}}";

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().bindAddress("127.0.0.1").dynamicPort()).build();

    private HttpTransport.Builder builder() {
        return HttpTransport.builder().endpoint("http://127.0.0.1:" + server.getPort())
                .credentials(Credentials.of("AKIDlifecycle", "lifecycle-key"));
    }

    @Test
    void theDeadlineThreadRunsOnlyWhileAnExchangeIsInFlight() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER).withChunkedDribbleDelay(4, 600)));
        try (HttpTransport query = builder().build()) {
            assertThat(query.deadlines().isSweeping()).as("before any request").isFalse();

            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> query.describe(TASK).roomId());
            waitFor(() -> query.deadlines().isSweeping(), "the sweeper to start while the body dribbles");
            assertThat(call.get()).isEqualTo("7743");

            waitFor(() -> !query.deadlines().isSweeping(), "the sweeper to stop once idle");
        }
    }

    @Test
    void aBodyThatStallsEndsInATimeoutClosesItsConnectionAndLeavesNoInterrupt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterTheStall = CompletableFuture.supplyAsync(() -> {
                try (Socket connection = listener.accept()) {
                    connection.setSoTimeout(10_000);
                    InputStream in = connection.getInputStream();
                    readRequest(in);
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Resp")
                            .getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                    return in.read(); // -1 once the client closes the connection; a timeout if it never does
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (HttpTransport query = HttpTransport.builder()
                    .endpoint("http://127.0.0.1:" + listener.getLocalPort())
                    .credentials(Credentials.of("AKIDlifecycle", "lifecycle-key"))
                    .requestTimeout(Duration.ofMillis(300)).build()) {

                TransportException stalled = catchThrowableOfType(TransportException.class,
                        () -> query.describe(TASK));

                assertThat(stalled.code()).isEqualTo(ErrorCodes.TRANSPORT_TIMEOUT);
                assertThat(stalled.getMessage()).contains("within 300 ms");
                assertThat(Thread.currentThread().isInterrupted()).as("the deadline's interrupt is cleared").isFalse();
                assertThat(afterTheStall.get()).as("the server sees the connection closed").isEqualTo(-1);
            }
        }
    }

    @Test
    void anInterruptOfTheApplicationsIsAnInterruptedErrorAndStaysSet() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER).withFixedDelay(5000)));
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        try (HttpTransport query = builder().build()) {
            interrupter.start();

            CancelledException interrupted = catchThrowableOfType(CancelledException.class,
                    () -> query.describe(TASK));

            assertThat(interrupted.code()).isEqualTo(ErrorCodes.CLIENT_INTERRUPTED);
            assertThat(Thread.interrupted()).as("the application's interrupt is kept").isTrue();
        } finally {
            interrupter.join();
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the client closed before its request ended");
            }
            head.append((char) next);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
    }

    @Test
    void aClosedQueryRefusesCallsWithATypedErrorAndClosingTwiceIsHarmless() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER)));
        HttpTransport query = builder().build();
        assertThat(query.describe(TASK).roomId()).isEqualTo("7743");

        query.close();
        query.close();

        CancelledException closed = catchThrowableOfType(CancelledException.class, () -> query.describe(TASK));
        assertThat(closed.code()).isEqualTo(ErrorCodes.CLIENT_CLOSED);
        assertThat(closed.isRetryable()).isFalse();
        assertThat(query.deadlines().isSweeping()).isFalse();
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void closingReleasesTheClientItBuiltSoItsSelectorThreadEnds() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER)));
        HttpTransport query = builder().build();
        query.describe(TASK);
        String selector = "HttpClient-" + clientId(ownClient(query)) + "-SelectorManager";
        assertThat(threadNamed(selector)).as(selector + " while open").isTrue();

        query.close();

        // Java 21+ closes the client at once; on 11-20 its selector ends when the unreachable client is collected
        waitFor(() -> {
            System.gc();
            return !threadNamed(selector);
        }, selector + " to end");
    }

    @Test
    void aClientGivenToTheBuilderIsLeftOpenForItsOwner() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER)));
        HttpClient mine = HttpClient.newHttpClient();
        HttpTransport query = builder().httpClient(mine).build();
        query.describe(TASK);

        query.close();

        HttpResponse<String> stillWorks = mine.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getPort() + "/")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stillWorks.statusCode()).isEqualTo(200);
    }

    @Test
    void toBuilderStartsFromEverySettingOfTheQuery() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withBody(ANSWER)));
        HttpTransport first = builder().region("ap-guangzhou").requestTimeout(Duration.ofSeconds(2)).build();

        HttpTransport second = first.toBuilder().build();
        first.close();

        assertThat(second.toString()).isEqualTo(first.toString()).contains("ap-guangzhou").contains("PT2S");
        assertThat(second.describe(TASK).roomId()).as("closing one leaves the other open").isEqualTo("7743");
        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
        second.close();
    }

    private static HttpClient ownClient(HttpTransport query) throws ReflectiveOperationException {
        Field field = HttpTransport.class.getDeclaredField("client");
        field.setAccessible(true);
        return (HttpClient) field.get(query);
    }

    /** The JDK's client prints its id last, e.g. {@code jdk.internal.net.http.HttpClientImpl@1b2c3d(7)}. */
    private static String clientId(HttpClient client) {
        Matcher id = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
        assertThat(id.find()).as("an id in " + client).isTrue();
        return id.group(1);
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
    }

    /** Polls a condition that depends on another thread, failing after 10 s (it normally holds within 3 s). */
    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
