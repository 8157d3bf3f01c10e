package io.gmerecording.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One run of the command line with captured output. */
final class CliRun {

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Map<String, String> variables, Path home, FakeTime time, String... args) {
        return run(variables, home, time, Interrupts.NONE, args);
    }

    static CliRun run(Map<String, String> variables, Path home, FakeTime time, Interrupts interrupts,
            String... args) {
        return run(false, variables, home, time, interrupts, args);
    }

    /** As a person runs it: the output a terminal. */
    static CliRun onATerminal(Map<String, String> variables, Path home, FakeTime time, String... args) {
        return run(true, variables, home, time, Interrupts.NONE, args);
    }

    private static CliRun run(boolean terminal, Map<String, String> variables, Path home, FakeTime time,
            Interrupts interrupts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                variables, home, time, time, interrupts);
        int code = GmeRecordingCli.run(args, terminal ? environment.onATerminal() : environment);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
