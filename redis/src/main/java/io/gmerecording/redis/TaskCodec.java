package io.gmerecording.redis;

import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.StoredTask;
import java.time.Instant;

/**
 * A tracked task as it stands in Redis: the field {@code bizId:taskId}, the value
 * {@code target|trackedSince|deadline|status|statusSince} with times in epoch milliseconds and {@code -} for no
 * status yet: short (the store holds thousands) and readable with {@code HGETALL}.
 */
final class TaskCodec {

    private TaskCodec() {
    }

    static String key(TaskRef task) {
        return task.bizId() + ":" + task.taskId();
    }

    static TaskRef task(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            throw malformed("task " + key);
        }
        try {
            return TaskRef.of(Long.parseLong(key.substring(0, colon)), Long.parseLong(key.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw malformed("task " + key);
        }
    }

    static String encode(StoredTask task) {
        return task.target().name() + "|" + task.trackedSince().toEpochMilli() + "|" + task.deadline().toEpochMilli()
                + "|" + task.status().map(Enum::name).orElse("-") + "|" + task.statusSince().toEpochMilli();
    }

    static StoredTask decode(TaskRef task, String value) {
        String[] fields = value == null ? new String[0] : value.split("\\|", -1);
        if (fields.length != 5) {
            throw malformed("the state of " + task + ": " + value);
        }
        try {
            return StoredTask.of(task, status(fields[0]), Instant.ofEpochMilli(Long.parseLong(fields[1])),
                    Instant.ofEpochMilli(Long.parseLong(fields[2])), "-".equals(fields[3]) ? null : status(fields[3]),
                    Instant.ofEpochMilli(Long.parseLong(fields[4])));
        } catch (NumberFormatException e) {
            throw malformed("the state of " + task + ": " + value);
        }
    }

    /** A status by name; one a newer version wrote that this one does not know is UNRECOGNIZED. */
    static RecordStatus status(String name) {
        try {
            return RecordStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return RecordStatus.UNRECOGNIZED;
        }
    }

    static IllegalStateException malformed(String what) {
        return new IllegalStateException("the tracked-task store holds a malformed value, " + what
                + " (written by something else than this library?)");
    }
}
