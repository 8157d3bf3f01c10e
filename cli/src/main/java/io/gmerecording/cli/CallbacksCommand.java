package io.gmerecording.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpServer;
import io.gmerecording.callbacks.CallbackHttpHandler;
import io.gmerecording.callbacks.CallbackListener;
import io.gmerecording.callbacks.CallbackReceiver;
import io.gmerecording.callbacks.CallbackRefusedException;
import io.gmerecording.callbacks.RecordingEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "callbacks", mixinStandardHelpOptions = true,
        description = "Receive recording callbacks until interrupted (Ctrl-C): each verified event is printed as a "
                + "JSON line; a refused request is named on stderr.")
final class CallbacksCommand implements Callable<Integer> {

    @ParentCommand
    GmeRecordingCli parent;

    @Option(names = "--port", defaultValue = "0", description = "The port to listen on; 0 picks a free one. "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on; 0.0.0.0 for every interface (the service calls from outside). "
                    + "Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--path", defaultValue = "/", description = "The path callbacks are posted to. "
            + "Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--app-key-file", required = true, paramLabel = "FILE", description = "A file holding the "
            + "application's permission key the callbacks are signed with (surrounding whitespace ignored).")
    Path appKeyFile;

    @Option(names = "--freshness", paramLabel = "SECONDS", description = "Refuse an event whose Timestamp is further "
            + "than this from now. Default: off.")
    Long freshnessSeconds;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment environment = parent.environment;
        CallbackReceiver receiver = receiver(appKeyFile, freshnessSeconds, environment);
        CountDownLatch interrupted = new CountDownLatch(1);
        CallbackListener printing = new CallbackListener() {
            @Override
            public void event(RecordingEvent event) {
                print(event, false);
            }

            @Override
            public void duplicate(RecordingEvent event) {
                print(event, true);
            }

            @Override
            public void refused(CallbackRefusedException refusal) {
                synchronized (environment) {
                    environment.err.println("refused (" + refusal.reason() + ", answered "
                            + refusal.reason().httpStatus() + "): " + TerminalText.escape(refusal.getMessage()));
                    environment.err.flush();
                }
            }

            private void print(RecordingEvent event, boolean duplicate) {
                synchronized (environment) {
                    environment.out.println(jsonLine(event, duplicate));
                    environment.out.flush();
                }
                if (environment.outputFailed()) {
                    interrupted.countDown();
                }
            }
        };
        try (Interrupts.Handle interruption = environment.interrupts.register(interrupted::countDown);
                Endpoint endpoint = Endpoint.start(bind, port, path, receiver, printing)) {
            environment.out.println("receiving callbacks on " + endpoint.url() + " (press Ctrl-C to stop)");
            environment.out.flush();
            interrupted.await();
        }
        return GmeRecordingCli.OK;
    }

    static CallbackReceiver receiver(Path appKeyFile, Long freshnessSeconds, CliEnvironment environment) {
        CallbackReceiver.Builder receiver = CallbackReceiver.builder(KeyFile.read(appKeyFile, "--app-key-file"))
                .clock(environment.clock);
        if (freshnessSeconds != null) {
            if (freshnessSeconds < 1 || freshnessSeconds > 86_400) {
                throw new IllegalArgumentException("--freshness must be from 1 to 86400 seconds, got "
                        + freshnessSeconds);
            }
            receiver.freshness(Duration.ofSeconds(freshnessSeconds));
        }
        return receiver.build();
    }

    /** One event as a JSON line, with {@code "duplicate": true} for a repeat. */
    static String jsonLine(RecordingEvent event, boolean duplicate) {
        StringWriter text = new StringWriter();
        try (JsonGenerator line = TaskOutput.JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeStringField("event", event.type().name());
            line.writeNumberField("eventType", event.typeCode());
            line.writeNumberField("bizId", event.task().bizId());
            line.writeNumberField("taskId", event.task().taskId());
            line.writeStringField("roomId", event.roomId().orElse(null));
            line.writeStringField("userId", event.userId().orElse(null));
            line.writeStringField("recordMode", event.recordMode().name());
            line.writeNumberField("seqNo", event.seqNo());
            line.writeStringField("fileName", event.fileName().orElse(null));
            line.writeStringField("timestamp", event.timestamp().map(Object::toString).orElse(null));
            if (!event.otherFields().isEmpty()) {
                line.writeObjectFieldStart("otherFields");
                for (Map.Entry<String, String> field : event.otherFields().entrySet()) {
                    line.writeStringField(field.getKey(), field.getValue());
                }
                line.writeEndObject();
            }
            line.writeBooleanField("duplicate", duplicate);
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return text.toString();
    }

    /** The callback endpoint on the JDK's HTTP server, for this command and {@code watch --callbacks}. */
    static final class Endpoint implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor;
        private final String url;

        private Endpoint(HttpServer server, ExecutorService executor, String url) {
            this.server = server;
            this.executor = executor;
            this.url = url;
        }

        static Endpoint start(String bind, int port, String path, CallbackReceiver receiver,
                CallbackListener listener) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("the callback port must be from 0 to 65535, got " + port);
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("--path must start with /, got '" + TerminalText.escape(path)
                        + "'");
            }
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 64);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot listen for callbacks on " + TerminalText.escape(bind) + ":"
                        + port + " (" + e.getClass().getSimpleName() + ": " + TerminalText.escape(
                                String.valueOf(e.getMessage())) + ")");
            }
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "gme-recording-callbacks");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext(path, new CallbackHttpHandler(receiver, listener));
            server.start();
            InetSocketAddress address = server.getAddress();
            String host = address.getAddress().isAnyLocalAddress() ? "0.0.0.0" : address.getAddress().getHostAddress();
            return new Endpoint(server, executor, "http://" + host + ":" + address.getPort() + path);
        }

        String url() {
            return url;
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
