package io.gmerecording.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static final class TestBuilder extends ClientSettings.Builder<TestBuilder> {
        @Override
        protected TestBuilder self() {
            return this;
        }

        ClientSettings build() {
            return settings();
        }
    }

    @Test
    void defaultsAreDocumented() {
        ClientSettings settings = new TestBuilder().build();

        assertThat(settings.endpoint().url()).isEqualTo("https://gme.tencentcloudapi.com/");
        assertThat(settings.region()).isNull();
        assertThat(settings.language()).isNull();
        assertThat(settings.credentials()).isNull();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everySettingIsKept() {
        Credentials credentials = Credentials.of("id", "key");
        ClientSettings settings = new TestBuilder().endpoint("http://gme.internal:8080").allowInsecureHttp(true)
                .region(" ap-guangzhou ").language("en-US").credentials(credentials)
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)).build();

        assertThat(settings.endpoint().hostHeader()).isEqualTo("gme.internal:8080");
        assertThat(settings.region()).isEqualTo("ap-guangzhou");
        assertThat(settings.language()).isEqualTo("en-US");
        assertThat(settings.credentials().resolve()).isSameAs(credentials);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new TestBuilder().language("zh-CN").build().language()).isEqualTo("zh-CN");
        assertThat(new TestBuilder().language("zh-CN").language(null).build().language()).isNull();
        assertThat(new TestBuilder().region("  ").build().region()).isNull();
        assertThat(new TestBuilder().region(null).build().region()).isNull();
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
}
