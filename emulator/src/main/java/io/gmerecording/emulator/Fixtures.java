package io.gmerecording.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.RecordInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tasks the emulator serves. JSON: {@code {"tasks": [{"BizId", "TaskId", "Simulated": {"StepMillis": 1000}, ...}]}}
 * where {@code ...} are the success fields of the answer exactly as the API returns them ({@code RoomId},
 * {@code RecordMode}, {@code RecordInfo}, and whatever else the spec defines): they are read into the generated
 * response model, so a property added to the spec can be served from a fixture with no change here. A simulated
 * task's recordings advance 2 -> 10 -> 11 -> 12 -> 13 -> 14, one step per StepMillis of the emulator's clock, counted
 * from the first time the task is described.
 *
 * <p>Rooms for the lifecycle actions: {@code "rooms": [{"BizId": 1400000000, "RoomId": "100", "Users": ["999"]}]},
 * each user in the room and speaking when the emulator starts (a fixtures file may hold rooms only).
 *
 * <p>Fixtures are checked when loaded: an unknown field, a missing required one ({@code RoomId}, {@code RecordMode},
 * and each recording's {@code UserId}, {@code FileName}, {@code RecordBeginTime}, {@code RecordStatus}), a wrong type
 * or a value out of range is an {@link IllegalArgumentException} naming the source, the task and the field.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = strictMapper();
    /** The largest fixtures file loaded: about 100,000 tasks with a few recordings each. */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
    private static final Set<String> OWN_FIELDS = new HashSet<>(Arrays.asList("BizId", "TaskId", "Simulated"));
    /** 9999-12-31T23:59:59Z: a begin time past it is a typo, not a recording. */
    private static final long LATEST_BEGIN_TIME = 253402300799L;

    private final Map<Key, FixtureTask> tasks;
    private final List<FixtureRoom> rooms;
    private final Set<Long> bizIds;

    private Fixtures(Map<Key, FixtureTask> tasks, List<FixtureRoom> rooms) {
        this.tasks = Collections.unmodifiableMap(tasks);
        this.rooms = List.copyOf(rooms);
        Set<Long> apps = new HashSet<>();
        for (Key key : tasks.keySet()) {
            apps.add(key.bizId);
        }
        this.bizIds = Collections.unmodifiableSet(apps);
    }

    /** Unknown properties and type coercions (a number for a string, a string for a number) are errors. */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper()
                // a key given twice would silently keep the last ("tasks" twice: no task served); content after
                // the document would be ignored
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
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
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("fixtures file " + file + " is larger than "
                        + MAX_FILE_BYTES / 1024 / 1024 + " MiB: the emulator holds its tasks in memory; split it or "
                        + "give fewer tasks");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read fixtures file " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /** @throws IllegalArgumentException naming the source, the task and the bad field */
    public static Fixtures parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the reason (a duplicate key, trailing content, a limit of the parser) and where, without a stack
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("fixtures " + source + " are not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("fixtures " + source + " are not valid JSON", e);
        }
        boolean hasRooms = root != null && root.path("rooms").isArray();
        if (root == null || !(root.path("tasks").isArray() || hasRooms && root.path("tasks").isMissingNode())) {
            throw new IllegalArgumentException("fixtures " + source + " must be an object with a \"tasks\" array "
                    + "(or a \"rooms\" array)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("tasks") && !name.equals("rooms")) {
                throw new IllegalArgumentException("fixtures " + source + ": unknown field " + name
                        + " (known: tasks, rooms)");
            }
        }
        List<FixtureRoom> rooms = hasRooms ? rooms(root.get("rooms"), source) : List.of();
        if (!hasRooms && root.has("rooms")) {
            throw new IllegalArgumentException("fixtures " + source + ": rooms must be an array");
        }
        Map<Key, FixtureTask> tasks = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode task : root.path("tasks")) {
            String where = "fixtures " + source + ": tasks[" + index++ + "]";
            if (!task.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            long bizId = positiveLong(task.get("BizId"), where + ".BizId");
            long taskId = positiveLong(task.get("TaskId"), where + ".TaskId");
            where += " (BizId " + bizId + ", TaskId " + taskId + ")";
            Duration step = simulationStep(task.get("Simulated"), where);
            DescribeRecordInfoResponse answer = answer((ObjectNode) task, where);
            if (tasks.put(new Key(bizId, taskId), new FixtureTask(JSON.valueToTree(answer), step)) != null) {
                throw new IllegalArgumentException(where + " is listed twice");
            }
        }
        return new Fixtures(tasks, rooms);
    }

    private static List<FixtureRoom> rooms(JsonNode rooms, String source) {
        List<FixtureRoom> read = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode room : rooms) {
            String where = "fixtures " + source + ": rooms[" + index++ + "]";
            if (!room.isObject()) {
                throw new IllegalArgumentException(where + " must be an object like {\"BizId\": 1400000000, "
                        + "\"RoomId\": \"100\", \"Users\": [\"999\"]}");
            }
            for (Iterator<String> names = room.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of("BizId", "RoomId", "Users").contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown field " + name + " (known: BizId, RoomId, "
                            + "Users)");
                }
            }
            long bizId = positiveLong(room.get("BizId"), where + ".BizId");
            JsonNode roomId = room.get("RoomId");
            if (roomId == null || !roomId.isTextual() || roomId.asText().isEmpty() || roomId.asText().length() > 127) {
                throw new IllegalArgumentException(where + ".RoomId must be a string of 1 to 127 characters, got "
                        + roomId);
            }
            List<String> users = new ArrayList<>();
            JsonNode given = room.get("Users");
            if (given != null && !given.isArray()) {
                throw new IllegalArgumentException(where + ".Users must be an array of user ids, got " + given);
            }
            for (JsonNode user : given == null ? List.<JsonNode>of() : given) {
                if (!user.isTextual() || user.asText().isEmpty() || user.asText().equals("0")) {
                    throw new IllegalArgumentException(where + ".Users must hold non-empty user ids other than \"0\" "
                            + "(the mixed stream's), got " + user);
                }
                users.add(user.asText());
            }
            if (!seen.add(bizId + "/" + roomId.asText())) {
                throw new IllegalArgumentException(where + " (BizId " + bizId + ", RoomId " + roomId.asText()
                        + ") is listed twice");
            }
            read.add(new FixtureRoom(bizId, roomId.asText(), users));
        }
        return read;
    }

    /** The task's success fields, read into the generated model and checked. */
    private static DescribeRecordInfoResponse answer(ObjectNode task, String where) {
        ObjectNode fields = task.deepCopy();
        fields.remove(OWN_FIELDS);
        for (String served : Arrays.asList("RequestId", "Error")) {
            if (fields.has(served)) {
                throw new IllegalArgumentException(where + ": " + served + " is not a fixture field (the emulator "
                        + "makes a fresh RequestId for every answer and answers errors from the request)");
            }
        }
        DescribeRecordInfoResponse answer;
        try {
            answer = JSON.treeToValue(fields, DescribeRecordInfoResponse.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(where + ": unknown field " + path(e) + " (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": " + path(e) + " has the wrong type"
                    + (e instanceof MismatchedInputException && ((MismatchedInputException) e).getTargetType() != null
                            ? " (expected " + ((MismatchedInputException) e).getTargetType().getSimpleName() + ")"
                            : ""));
        }
        required(answer.getRoomId(), where, "RoomId");
        notNegative(required(answer.getRecordMode(), where, "RecordMode"), where, "RecordMode");
        List<RecordInfo> recordings = answer.getRecordInfo();
        for (int i = 0; recordings != null && i < recordings.size(); i++) {
            String item = "RecordInfo[" + i + "]";
            RecordInfo recording = required(recordings.get(i), where, item);
            required(recording.getUserId(), where, item + ".UserId");
            required(recording.getFileName(), where, item + ".FileName");
            long begin = required(recording.getRecordBeginTime(), where, item + ".RecordBeginTime");
            if (begin < 0 || begin > LATEST_BEGIN_TIME) {
                throw new IllegalArgumentException(where + ": " + item + ".RecordBeginTime must be Unix seconds "
                        + "between 0 and " + LATEST_BEGIN_TIME + ", got " + begin);
            }
            notNegative(required(recording.getRecordStatus(), where, item + ".RecordStatus"), where,
                    item + ".RecordStatus");
        }
        return answer;
    }

    private static Duration simulationStep(JsonNode simulated, String where) {
        if (simulated == null || simulated.isNull()) {
            return null;
        }
        if (!simulated.isObject()) {
            throw new IllegalArgumentException(where + ".Simulated must be an object like {\"StepMillis\": 1000}");
        }
        for (Iterator<String> names = simulated.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("StepMillis")) {
                throw new IllegalArgumentException(where + ": unknown field Simulated." + name + " (known: StepMillis)");
            }
        }
        return Duration.ofMillis(positiveLong(simulated.get("StepMillis"), where + ".Simulated.StepMillis"));
    }

    /** The field path of a Jackson failure, from the response object down: {@code RecordInfo[0].Status}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(the task)" : path.toString();
    }

    private static String path(JsonProcessingException e) {
        return e instanceof JsonMappingException ? path((JsonMappingException) e) : "(the task)";
    }

    private static <T> T required(T value, String where, String field) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": " + field + " is required");
        }
        return value;
    }

    private static void notNegative(long value, String where, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(where + ": " + field + " must not be negative, got " + value);
        }
    }

    FixtureTask task(long bizId, long taskId) {
        return tasks.get(new Key(bizId, taskId));
    }

    boolean knowsApp(long bizId) {
        return bizIds.contains(bizId);
    }

    List<FixtureRoom> rooms() {
        return rooms;
    }

    /** A room declared by the fixtures, and who is in it when the emulator starts. */
    static final class FixtureRoom {
        final long bizId;
        final String roomId;
        final List<String> users;

        FixtureRoom(long bizId, String roomId, List<String> users) {
            this.bizId = bizId;
            this.roomId = roomId;
            this.users = List.copyOf(users);
        }
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

    /** One task's success answer, as the generated model writes it; a simulated task overrides every RecordStatus. */
    static final class FixtureTask {
        private static final long[] PIPELINE = {2, 10, 11, 12, 13, 14};

        private final JsonNode answer;
        final Duration step;

        FixtureTask(JsonNode answer, Duration step) {
            this.answer = answer;
            this.step = step;
        }

        /** A fresh copy of the answer, through the generated model, for one request to fill in. */
        DescribeRecordInfoResponse answer() {
            try {
                return JSON.treeToValue(answer, DescribeRecordInfoResponse.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a fixture that was read once no longer reads", e);
            }
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
