package io.gmerecording.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web application that embeds the port through the starter: gme.recording.* in application.properties. */
@SpringBootApplication
public class RecordingsApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecordingsApplication.class, args);
    }
}
