package io.gmerecording.cli;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.Recording;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.policy.TaskChange;
import io.gmerecording.core.policy.TrackerListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a task's recording statuses each time they change, with the time since watching began. */
final class ChangePrinter implements TrackerListener {

    private final CliEnvironment environment;
    private final long started;
    private String last;

    ChangePrinter(CliEnvironment environment) {
        this.environment = environment;
        this.started = environment.time.nanoTime();
    }

    /** Each change the tracker sees, with the answer that showed it. */
    @Override
    public void onChange(TaskChange change) {
        print(change.answer());
    }

    void print(RecordingTask task) {
        String summary = summary(task);
        if (summary.equals(last)) {
            return;
        }
        last = summary;
        double elapsed = (environment.time.nanoTime() - started) / 1e9;
        environment.out.println(String.format(Locale.ROOT, "  +%.1fs  task %d room %s: %s", elapsed,
                task.ref().taskId(), TerminalText.escape(task.roomId()), summary));
        environment.out.flush();
    }

    static String summary(RecordingTask task) {
        if (task.recordings().isEmpty()) {
            return "no recordings";
        }
        List<String> parts = new ArrayList<>();
        for (Recording recording : task.recordings()) {
            parts.add("user " + TerminalText.escape(recording.userId()) + " " + shown(recording));
        }
        return String.join(", ", parts);
    }

    /** The status's name; for one this version does not know, with the service's code, which is all it tells. */
    static String shown(Recording recording) {
        return recording.status() == RecordStatus.UNRECOGNIZED
                ? "UNRECOGNIZED(" + recording.statusCode() + ")" : recording.status().name();
    }
}
