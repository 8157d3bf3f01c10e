package io.gmerecording.cli;

import io.gmerecording.core.policy.TimeSource;
import io.gmerecording.credentials.CredentialsChain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** What the command line touches outside itself, so tests can give it their own. */
public final class CliEnvironment {

    final PrintWriter out;
    final PrintWriter err;
    final Map<String, String> variables;
    final Path home;
    final TimeSource time;
    final Clock clock;
    /** The {@code emulator} command serves until this opens (never, outside tests: Ctrl-C ends the JVM). */
    final CountDownLatch stop;

    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> variables, Path home, TimeSource time,
            Clock clock, CountDownLatch stop) {
        this.out = out;
        this.err = err;
        this.variables = variables;
        this.home = home;
        this.time = time;
        this.clock = clock;
        this.stop = stop;
    }

    static CliEnvironment system() {
        return new CliEnvironment(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                CredentialsChain.home(System.getenv()), TimeSource.system(), Clock.systemUTC(), new CountDownLatch(1));
    }
}
