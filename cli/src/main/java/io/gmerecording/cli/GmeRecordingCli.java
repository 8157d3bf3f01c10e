package io.gmerecording.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gme-recording} command line. Exit codes: 0 all succeeded, 1 a task failed, 2 usage or invalid ids, 130
 * interrupted by Ctrl-C (143 by SIGTERM), 141 the output's reader went away.
 */
@Command(name = "gme-recording", mixinStandardHelpOptions = true, version = "gme-recording 0.1.0",
        description = "Tencent Cloud GME server-side recording: describe and watch tasks, start, modify and stop a "
                + "room's recording, find a room's task.")
public final class GmeRecordingCli implements Runnable {

    /** In the order help lists them; each made only when its command runs (or help needs them all). */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("describe", DescribeCommand::new);
        SUBCOMMANDS.put("watch", WatchCommand::new);
        SUBCOMMANDS.put("start", ControlCommands.StartCommand::new);
        SUBCOMMANDS.put("modify", ControlCommands.ModifyCommand::new);
        SUBCOMMANDS.put("stop", ControlCommands.StopCommand::new);
        SUBCOMMANDS.put("room", ControlCommands.RoomCommand::new);
        SUBCOMMANDS.put("callbacks", CallbacksCommand::new);
        SUBCOMMANDS.put("emulator", EmulatorCommand::new);
        SUBCOMMANDS.put("demo", DemoCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** Ctrl-C ended the command before it finished: 128 + SIGINT, as the shell's own tools end. */
    static final int INTERRUPTED = 130;
    /** The output's reader went away (a closed pipe): 128 + SIGPIPE, as the shell's own tools end. */
    static final int PIPE_CLOSED = 141;

    final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    GmeRecordingCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        // the emulator's JDK HTTP server otherwise waits on delayed ACKs, ~40 ms a request; this is an application
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int code = run(args, CliEnvironment.system());
        ClosedHttpClients.release();
        System.exit(code);
    }

    /** Runs one command line in this environment and returns its exit code. */
    public static int run(String[] args, CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new GmeRecordingCli(environment));
        // a one-shot command loads only its own classes: the emulator's or the demo's are not needed by describe
        String named = args.length > 0 ? args[0] : "";
        boolean known = SUBCOMMANDS.containsKey(named);
        SUBCOMMANDS.forEach((name, create) -> {
            if (!known || name.equals(named)) {
                commandLine.addSubcommand(name, create.get());
            }
        });
        commandLine.setOut(environment.out);
        commandLine.setErr(environment.err);
        commandLine.setParameterExceptionHandler(GmeRecordingCli::usageError);
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            // a bad setting found before any request: a configuration error with its message, never a stack trace
            if (exception instanceof IllegalArgumentException || exception instanceof IllegalStateException) {
                cmd.getErr().println("gme-recording: " + TerminalText.escape(exception.getMessage()));
                cmd.getErr().flush();
                return USAGE;
            }
            // the machine refused something (a port in use, an unreadable file): say what, no stack trace
            if (exception instanceof java.io.UncheckedIOException) {
                Throwable cause = exception.getCause();
                cmd.getErr().println("gme-recording: " + exception.getMessage()
                        + (cause == null ? "" : " (" + cause.getMessage() + ")"));
                cmd.getErr().flush();
                return FAILED;
            }
            throw exception;
        });
        int code = commandLine.execute(args);
        environment.out.flush();
        if (environment.outputFailed()) {
            if (environment.outputClosedByReader()) {
                return PIPE_CLOSED; // its reader went away (| head): nothing to say, and no one to say it to
            }
            environment.err.println("gme-recording: cannot write the output ("
                    + TerminalText.escape(environment.outputFailure()) + "); what was written is incomplete");
            code = FAILED;
        }
        environment.err.flush();
        return code;
    }

    /**
     * One line naming the bad option or value, then where to read more; never the whole usage text, which would hide
     * the error. An unknown option is named even when picocli first notices a required one missing (a misspelled
     * {@code --taskid} is why {@code --task-id} is missing).
     */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        String unknown = error instanceof CommandLine.UnmatchedArgumentException ? null
                : unknownOption(command, args);
        String message = unknown != null ? "Unknown option: '" + unknown + "'" : error.getMessage();
        int lineEnd = message.indexOf('\n');
        PrintWriter err = command.getErr();
        err.println("gme-recording: " + TerminalText.escape(lineEnd < 0 ? message : message.substring(0, lineEnd)));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return USAGE;
    }

    /** The first argument that looks like an option the command it belongs to does not have, or null. */
    private static String unknownOption(CommandLine command, String[] args) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        CommandLine.Model.CommandSpec spec = root.getCommandSpec();
        boolean valueExpected = false;
        for (String arg : args) {
            if (valueExpected) {
                valueExpected = false;
                continue;
            }
            if (spec.subcommands().containsKey(arg)) {
                spec = spec.subcommands().get(arg).getCommandSpec();
                continue;
            }
            if (arg.startsWith("-") && arg.length() > 1 && !arg.matches("-\\d.*")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                CommandLine.Model.OptionSpec option = spec.findOption(name);
                if (option == null) {
                    return name;
                }
                valueExpected = !arg.contains("=") && option.arity().max() > 0;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: describe, watch, "
                + "emulator or demo");
    }
}
