package io.gmerecording.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks the emulator serves. JSON: {@code {"tasks": [{"BizId", "TaskId", "RoomId", "RecordMode", "RecordInfo",
 * "Simulated": {"StepMillis": 1000}}]}}, the success fields exactly as the API returns them. A simulated task's
 * recordings advance 2 -> 10 -> 11 -> 12 -> 13 -> 14, one step per StepMillis of the emulator's clock, counted
 * from the first time the task is described.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Key, FixtureTask> tasks;
    private final Set<Long> bizIds;

    private Fixtures(Map<Key, FixtureTask> tasks) {
        this.tasks = Collections.unmodifiableMap(tasks);
        Set<Long> apps = new HashSet<>();
        for (Key key : tasks.keySet()) {
            apps.add(key.bizId);
        }
        this.bizIds = Collections.unmodifiableSet(apps);
    }

    /** The built-in demo tasks: the seed's task (BizId 3400352518, TaskId 446192236330927912), a simulated one, one with no recordings. */
    public static Fixtures demo() {
        try (InputStream in = Fixtures.class.getResourceAsStream("demo-fixtures.json")) {
            return parse(in.readAllBytes(), "built-in demo fixtures");
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in demo fixtures are missing from the jar", e);
        }
    }

    /** @throws IllegalArgumentException naming the file and the bad entry */
    public static Fixtures load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read fixtures file " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** @throws IllegalArgumentException naming the source and the bad entry */
    public static Fixtures parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("fixtures " + source + " are not valid JSON", e);
        }
        if (root == null || !root.path("tasks").isArray()) {
            throw new IllegalArgumentException("fixtures " + source + " must be an object with a \"tasks\" array");
        }
        Map<Key, FixtureTask> tasks = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode task : root.get("tasks")) {
            String where = "fixtures " + source + ": tasks[" + index++ + "]";
            long bizId = positiveLong(task.get("BizId"), where + ".BizId");
            long taskId = positiveLong(task.get("TaskId"), where + ".TaskId");
            if (!task.path("RoomId").isTextual()) {
                throw new IllegalArgumentException(where + ".RoomId must be a string");
            }
            if (!task.path("RecordMode").isIntegralNumber()) {
                throw new IllegalArgumentException(where + ".RecordMode must be an integer");
            }
            JsonNode records = task.get("RecordInfo");
            if (records != null && !records.isNull() && !records.isArray()) {
                throw new IllegalArgumentException(where + ".RecordInfo must be an array or null");
            }
            Duration step = null;
            JsonNode simulated = task.get("Simulated");
            if (simulated != null && !simulated.isNull()) {
                step = Duration.ofMillis(positiveLong(simulated.get("StepMillis"), where + ".Simulated.StepMillis"));
            }
            List<JsonNode> recordings = new ArrayList<>();
            if (records != null && records.isArray()) {
                records.forEach(recordings::add);
            }
            if (tasks.put(new Key(bizId, taskId), new FixtureTask(task.get("RoomId").asText(),
                    task.get("RecordMode").asLong(), recordings, records != null && records.isNull(), step)) != null) {
                throw new IllegalArgumentException(where + " repeats BizId " + bizId + " TaskId " + taskId);
            }
        }
        return new Fixtures(tasks);
    }

    FixtureTask task(long bizId, long taskId) {
        return tasks.get(new Key(bizId, taskId));
    }

    boolean knowsApp(long bizId) {
        return bizIds.contains(bizId);
    }

    /** Every (BizId, TaskId) served, in file order, as {@code [bizId, taskId]} pairs. */
    public List<long[]> taskIds() {
        List<long[]> ids = new ArrayList<>();
        for (Key key : tasks.keySet()) {
            ids.add(new long[] {key.bizId, key.taskId});
        }
        return ids;
    }

    /** Ids of the simulated tasks, as {@code [bizId, taskId]} pairs. */
    public List<long[]> simulatedTaskIds() {
        List<long[]> ids = new ArrayList<>();
        for (Map.Entry<Key, FixtureTask> entry : tasks.entrySet()) {
            if (entry.getValue().step != null) {
                ids.add(new long[] {entry.getKey().bizId, entry.getKey().taskId});
            }
        }
        return ids;
    }

    private static long positiveLong(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            throw new IllegalArgumentException(where + " must be a positive 64-bit integer, got " + node);
        }
        return node.asLong();
    }

    private static final class Key {
        final long bizId;
        final long taskId;

        Key(long bizId, long taskId) {
            this.bizId = bizId;
            this.taskId = taskId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).bizId == bizId && ((Key) other).taskId == taskId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(bizId) * 31 + Long.hashCode(taskId);
        }
    }

    /** One task as the API returns it; a simulated task overrides every RecordStatus from the elapsed time. */
    static final class FixtureTask {
        private static final long[] PIPELINE = {2, 10, 11, 12, 13, 14};

        final String roomId;
        final long recordMode;
        final List<JsonNode> recordings;
        final boolean recordInfoNull;
        final Duration step;

        FixtureTask(String roomId, long recordMode, List<JsonNode> recordings, boolean recordInfoNull, Duration step) {
            this.roomId = roomId;
            this.recordMode = recordMode;
            this.recordings = recordings;
            this.recordInfoNull = recordInfoNull;
            this.step = step;
        }

        /** The simulated status after {@code elapsed}, or -1 when the task is not simulated. */
        long simulatedStatus(Duration elapsed, Duration stepOverride) {
            Duration each = stepOverride != null ? stepOverride : step;
            if (step == null || each == null) {
                return -1;
            }
            long steps = Math.max(0, elapsed.toMillis()) / Math.max(1, each.toMillis());
            return PIPELINE[(int) Math.min(PIPELINE.length - 1, steps)];
        }
    }
}
