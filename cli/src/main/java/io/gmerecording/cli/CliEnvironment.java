package io.gmerecording.cli;

import io.gmerecording.core.policy.TimeSource;
import io.gmerecording.credentials.CredentialsChain;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the command line touches outside itself, so tests can give it their own. */
public final class CliEnvironment {

    final PrintWriter out;
    final PrintWriter err;
    final Map<String, String> variables;
    final Path home;
    final TimeSource time;
    final Clock clock;
    /** Ctrl-C and SIGTERM: what ends {@code emulator}, and what {@code watch} reports its unfinished tasks on. */
    final Interrupts interrupts;
    /** Whether the output is a person's terminal (not a pipe or a file): only then does a status line show. */
    final boolean terminal;
    private final CheckedOutput stdout;

    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> variables, Path home, TimeSource time,
            Clock clock, Interrupts interrupts) {
        this(out, null, err, variables, home, time, clock, interrupts, false);
    }

    private CliEnvironment(PrintWriter out, CheckedOutput stdout, PrintWriter err, Map<String, String> variables,
            Path home, TimeSource time, Clock clock, Interrupts interrupts, boolean terminal) {
        this.out = out;
        this.stdout = stdout;
        this.err = err;
        this.variables = variables;
        this.home = home;
        this.time = time;
        this.clock = clock;
        this.interrupts = interrupts;
        this.terminal = terminal;
    }

    static CliEnvironment system() {
        CliEnvironment environment = writingTo(new FileOutputStream(FileDescriptor.out),
                new PrintWriter(System.err, true), System.getenv(), CredentialsChain.home(System.getenv()),
                TimeSource.system(), Clock.systemUTC(), Interrupts.shutdownHooks());
        // Java 17's console exists only when both standard input and output are a terminal; TERM=dumb asks for none
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return terminal ? environment.onATerminal() : environment;
    }

    /** The same environment, its output a terminal (for tests of what a person sees). */
    CliEnvironment onATerminal() {
        return new CliEnvironment(out, stdout, err, variables, home, time, clock, interrupts, true);
    }

    /** An environment whose output goes to {@code stdout} as bytes, so that a failure to write it is known by cause. */
    static CliEnvironment writingTo(OutputStream stdout, PrintWriter err, Map<String, String> variables, Path home,
            TimeSource time, Clock clock, Interrupts interrupts) {
        CheckedOutput checked = new CheckedOutput(stdout);
        return new CliEnvironment(new PrintWriter(new OutputStreamWriter(checked, Charset.defaultCharset()), true),
                checked, err, variables, home, time, clock, interrupts, false);
    }

    /** Whether writing to the output failed (it stays failed: {@code PrintWriter} keeps its error). */
    boolean outputFailed() {
        return out.checkError();
    }

    /** Why the output failed, when known: a closed pipe or a full disk, as the operating system said. */
    String outputFailure() {
        IOException failure = stdout == null ? null : stdout.failure();
        return failure == null || failure.getMessage() == null ? "the output could not be written"
                : failure.getMessage();
    }

    /** Whether the output failed because its reader went away (a pipe whose reader exited, as {@code | head}). */
    boolean outputClosedByReader() {
        String reason = outputFailure();
        return reason.contains("Broken pipe") || reason.contains("Stream closed");
    }
}
