package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmerecording.core.Transport;
import io.gmerecording.core.spi.ClientSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportBuilderTest {

    /** A query that only keeps the settings it was built with, as an adapter does. */
    private static final class SettingsQuery implements Transport {
        final ClientSettings settings;

        SettingsQuery(ClientSettings settings) {
            this.settings = settings;
        }

        @Override
        public RecordingTask describe(TaskRef task) {
            throw new AssertionError("not called");
        }
    }

    private static final class TestBuilder extends TransportBuilder<TestBuilder, SettingsQuery> {
        @Override
        protected TestBuilder self() {
            return this;
        }

        @Override
        public SettingsQuery build() {
            return new SettingsQuery(settings());
        }

        TestBuilder again(ClientSettings settings) {
            return from(settings);
        }
    }

    @Test
    void aBuilderStartedFromSettingsBuildsTheSameSettings() {
        Credentials credentials = Credentials.of("id", "key");
        ClientSettings first = new TestBuilder().endpoint("http://gme.internal:8080").allowInsecureHttp(true)
                .region("ap-guangzhou").language("zh-CN").credentials(credentials)
                .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(4))
                .trustCertificate(java.nio.file.Path.of("emulator.pem")).build().settings;

        ClientSettings second = new TestBuilder().again(first).build().settings;

        assertThat(second.endpoint()).isEqualTo(first.endpoint());
        assertThat(second.allowInsecureHttp()).isTrue();
        assertThat(second.region()).isEqualTo("ap-guangzhou");
        assertThat(second.language()).isEqualTo("zh-CN");
        assertThat(second.credentials().resolve()).isSameAs(credentials);
        assertThat(second.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(second.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(second.trustedCertificate()).isEqualTo(java.nio.file.Path.of("emulator.pem"));
        assertThat(new TestBuilder().again(new TestBuilder().build().settings).build().settings.endpoint().url())
                .isEqualTo("https://gme.tencentcloudapi.com/");
    }

    @Test
    void codeThatChoosesAnAdapterConfiguresItOnce() {
        TransportBuilder<?, ?> chosen = new TestBuilder();

        Transport transport = chosen.endpoint("http://127.0.0.1:9").region("r").build();

        assertThat(((SettingsQuery) transport).settings.endpoint().hostHeader()).isEqualTo("127.0.0.1:9");
    }

    @Test
    void defaultsAreDocumented() {
        ClientSettings settings = new TestBuilder().build().settings;

        assertThat(settings.endpoint().url()).isEqualTo("https://gme.tencentcloudapi.com/");
        assertThat(settings.region()).isNull();
        assertThat(settings.language()).isNull();
        assertThat(settings.credentials()).isNull();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.trustedCertificate()).isNull();
    }

    @Test
    void everySettingIsKept() {
        Credentials credentials = Credentials.of("id", "key");
        ClientSettings settings = new TestBuilder().endpoint("http://gme.internal:8080").allowInsecureHttp(true)
                .region(" ap-guangzhou ").language("en-US").credentials(credentials)
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)).build().settings;

        assertThat(settings.endpoint().hostHeader()).isEqualTo("gme.internal:8080");
        assertThat(settings.region()).isEqualTo("ap-guangzhou");
        assertThat(settings.language()).isEqualTo("en-US");
        assertThat(settings.credentials().resolve()).isSameAs(credentials);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new TestBuilder().language("zh-CN").build().settings.language()).isEqualTo("zh-CN");
        assertThat(new TestBuilder().language("zh-CN").language(null).build().settings.language()).isNull();
        assertThat(new TestBuilder().region("  ").build().settings.region()).isNull();
        assertThat(new TestBuilder().region(null).build().settings.region()).isNull();
    }

    @Test
    void badSettingsAreRejectedNamingThem() {
        assertThatThrownBy(() -> new TestBuilder().language("fr")).hasMessageContaining("'fr'");
        assertThatThrownBy(() -> new TestBuilder().connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new TestBuilder().requestTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("requestTimeout").hasMessageContaining("-1");
        assertThatThrownBy(() -> new TestBuilder().requestTimeout(null)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> new TestBuilder().endpoint(null)).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new TestBuilder().credentialsProvider(null)).hasMessageContaining("provider");
        assertThatThrownBy(() -> new TestBuilder().endpoint("http://gme.internal").build())
                .hasMessageContaining("allowInsecureHttp");
    }

    @Test
    void aRegionMustBeARegionIdAndIsNamedWhenItIsNot() {
        assertThat(new TestBuilder().region("ap-shanghai-fsi").build().settings.region()).isEqualTo("ap-shanghai-fsi");
        assertThatThrownBy(() -> new TestBuilder().region("ap guangzhou")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ap guangzhou'");
        assertThatThrownBy(() -> new TestBuilder().region("ap-guangzhou\r\nX-Injected: 1"))
                .hasMessageContaining("'ap-guangzhou??X-Injected: 1'");
        assertThatThrownBy(() -> new TestBuilder().region("x".repeat(65))).hasMessageContaining("...");
        assertThatThrownBy(() -> new TestBuilder().region("AP-GUANGZHOU")).hasMessageContaining("region id");
    }
}
