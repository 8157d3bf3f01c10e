package io.gmerecording.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The application started as an operator would, with the key's property misspelled: the report must not show it. */
@ExtendWith(OutputCaptureExtension.class)
class MisspelledSecretTest {

    @Test
    void theStartupReportNamesTheMisspelledPropertyWithoutItsValue(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(RecordingsApplication.class, "--server.port=0",
                "--gme.recording.credentials.secret-id=AKIDexample", "--gme.recording.credentials.secret-kye="
                        + "the-secret-key-0123456789")).isNotNull();

        assertThat(output.getAll()).contains("gme.recording.credentials.secret-kye")
                .contains("APPLICATION FAILED TO START").doesNotContain("the-secret-key-0123456789");
    }
}
