package io.gmerecording.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.callbacks.CallbackReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** The callback endpoint: there in a servlet web application with an app key, at its path; absent otherwise. */
class CallbackAutoConfigurationTest extends AgainstTheEmulator {


    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GmeRecordingAutoConfiguration.class))
            .withPropertyValues(pointedAtTheEmulator());

    @Test
    void withAnAppKeyTheEndpointIsRegisteredAtItsPath() {
        web.withPropertyValues("gme.recording.callback.app-key=key-of-the-app", "gme.recording.callback.path=/hooks/gme",
                "gme.recording.callback.freshness=5m").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CallbackReceiver.class);
                    ServletRegistrationBean<?> endpoint = context.getBean(ServletRegistrationBean.class);
                    assertThat(endpoint.getUrlMappings()).containsExactly("/hooks/gme");
                    assertThat(context.getBean(CallbackReceiver.class).toString()).contains("PT5M")
                            .doesNotContain("key-of-the-app");
                    assertThat(context.getBean(GmeRecordingProperties.class).getCallback().toString())
                            .doesNotContain("key-of-the-app");
                });
    }

    @Test
    void withoutAnAppKeyOrOutsideAWebApplicationThereIsNoEndpoint() {
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CallbackReceiver.class)
                .doesNotHaveBean(ServletRegistrationBean.class));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GmeRecordingAutoConfiguration.class))
                .withPropertyValues(pointedAtTheEmulator())
                .withPropertyValues("gme.recording.callback.app-key=key-of-the-app")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CallbackReceiver.class));
    }

    @Test
    void aPathThatIsNotOneFailsStartUpNamingTheProperty() {
        web.withPropertyValues("gme.recording.callback.app-key=k", "gme.recording.callback.path=hooks/*")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("gme.recording.callback.path"));
    }
}
