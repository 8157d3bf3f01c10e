package io.gmerecording.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One line kept at the bottom of a person's terminal (how far a long command is) while other lines scroll above
 * it. There is none on a pipe or a file, with JSON output or with {@code --quiet}: then nothing but the lines is
 * written, and no control sequence.
 */
final class StatusLine {

    private static final String CLEAR_LINE = "\r\u001b[K";

    private final CliEnvironment environment;
    /** What the line says now; null when there is no line. */
    private final Supplier<String> text;
    /** Whether the line is drawn: from the first line until {@link #clear()}. */
    private boolean drawn;
    private boolean cleared;

    private StatusLine(CliEnvironment environment, Supplier<String> text) {
        this.environment = environment;
        this.text = text;
    }

    /** A line saying {@code text}, when the output is a terminal and {@code shown}; otherwise none. */
    static StatusLine on(CliEnvironment environment, boolean shown, Supplier<String> text) {
        return new StatusLine(environment, environment.terminal && shown ? text : null);
    }

    static StatusLine none(CliEnvironment environment) {
        return new StatusLine(environment, null);
    }

    /** Draws the line again, with what it says now. */
    void redraw() {
        if (text == null) {
            return;
        }
        synchronized (environment.out) {
            if (!cleared) {
                environment.out.print(CLEAR_LINE + text.get());
                environment.out.flush();
                drawn = true;
            }
        }
    }

    /** Redraws the line every second until the returned handle is closed, which also takes the line away. */
    Redrawing everySecond() {
        if (text == null) {
            return () -> { };
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gme-recording-status-line");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::redraw, 0, 1, TimeUnit.SECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            clear();
        };
    }

    /** The timer of {@link #everySecond()}; closing it stops the timer and clears the line. */
    interface Redrawing extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    /** Takes the line away for good, before what a command prints last. */
    void clear() {
        if (text == null) {
            return;
        }
        synchronized (environment.out) {
            if (drawn) {
                environment.out.print(CLEAR_LINE);
                environment.out.flush();
            }
            cleared = true;
        }
    }

    /** Prints {@code line} where the status line was, and the status line, as of now, below it again. */
    void printAbove(String line) {
        synchronized (environment.out) {
            boolean below = text != null && !cleared;
            if (below && drawn) {
                environment.out.print(CLEAR_LINE);
            }
            environment.out.println(line);
            if (below) {
                environment.out.print(text.get());
                drawn = true;
            }
            environment.out.flush();
        }
    }
}
