package io.gmerecording.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link FixedResponseServer} in a JVM of its own (pinned where {@link Pinning} can), stopped on close. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final String endpoint;
    private final Path certificate;

    ServerProcess(boolean tls) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(Pinning.serverCommand(List.of(java, "-cp",
                System.getProperty("java.class.path"), FixedResponseServer.class.getName(), tls ? "https" : "http")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        endpoint = lines.readLine();
        String file = lines.readLine();
        if (endpoint == null || file == null) {
            process.destroyForcibly();
            throw new IOException("the server JVM did not start");
        }
        certificate = "-".equals(file) ? null : new File(file).toPath();
    }

    String endpoint() {
        return endpoint;
    }

    /** The certificate clients must trust; null for plain http. */
    Path certificate() {
        return certificate;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
