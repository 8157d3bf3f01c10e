package io.gmerecording.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import io.gmerecording.core.Credentials;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.CancelledException;
import io.gmerecording.core.error.ErrorCodes;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing, rebuilding from a query's settings, and leaving the caller's ClientProfile alone. */
class SdkTransportLifecycleTest {

    private static final TaskRef TASK = TaskRef.of(3400352518L, 446192236330927912L);
    private static final Credentials KEY = Credentials.of("AKIDlifecycle", "lifecycle-key");

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().bindAddress("127.0.0.1").dynamicPort()).build();

    @BeforeEach
    void start() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody(
                "{\"Response\":{\"RoomId\":\"7743\",\"RecordMode\":1,\"RequestId\":\"r1\"}}")));
    }

    private SdkTransport.Builder builder() {
        return SdkTransport.builder().endpoint("http://127.0.0.1:" + server.getPort()).credentials(KEY);
    }

    @Test
    void closingReleasesThePooledConnectionsAndLaterCallsGetATypedError() throws Exception {
        SdkTransport query = builder().build();
        query.describe(TASK);
        assertThat(SdkConnections.okhttp(query.currentClient()).connectionPool().connectionCount()).as("pooled after a call").isEqualTo(1);
        com.tencentcloudapi.gme.v20180711.GmeClient used = query.currentClient();

        query.close();
        query.close();

        assertThat(SdkConnections.okhttp(used).connectionPool().connectionCount()).as("pooled after close").isZero();
        CancelledException closed = catchThrowableOfType(CancelledException.class, () -> query.describe(TASK));
        assertThat(closed.code()).isEqualTo(ErrorCodes.CLIENT_CLOSED);
        assertThat(closed.isRetryable()).isFalse();
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void theCallersClientProfileIsCopiedNeverChanged() {
        HttpProfile http = new HttpProfile();
        http.setProxyHost("proxy.internal");
        http.setProxyPort(3128);
        ClientProfile mine = new ClientProfile(ClientProfile.SIGN_SHA256, http);
        mine.setDebug(true);
        String endpointBefore = http.getEndpoint();
        String protocolBefore = http.getProtocol();
        int readTimeoutBefore = http.getReadTimeout();

        SdkTransport query = builder().sdkClientProfile(mine).requestTimeout(Duration.ofSeconds(3)).build();

        assertThat(mine.isDebug()).isTrue();
        assertThat(mine.getSignMethod()).isEqualTo(ClientProfile.SIGN_SHA256);
        assertThat(mine.getHttpProfile()).isSameAs(http);
        assertThat(http.getEndpoint()).isEqualTo(endpointBefore);
        assertThat(http.getProtocol()).isEqualTo(protocolBefore);
        assertThat(http.getReadTimeout()).isEqualTo(readTimeoutBefore);
        assertThat(http.getProxyHost()).isEqualTo("proxy.internal");
        query.close();
    }

    @Test
    void toBuilderStartsFromEverySettingOfTheQuery() {
        SdkTransport first = builder().region("ap-guangzhou").requestTimeout(Duration.ofSeconds(2)).build();

        SdkTransport second = first.toBuilder().build();

        assertThat(second.toString()).isEqualTo(first.toString()).contains("ap-guangzhou");
        assertThat(second.describe(TASK).roomId()).isEqualTo("7743");
        first.close();
        assertThat(second.describe(TASK).roomId()).as("closing one leaves the other open").isEqualTo("7743");
        second.close();
    }
}
