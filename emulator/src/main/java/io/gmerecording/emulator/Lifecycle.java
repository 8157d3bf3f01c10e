package io.gmerecording.emulator;

import io.gmerecording.spec.model.DescribeRecordInfoResponse;
import io.gmerecording.spec.model.DescribeTaskInfoResponse;
import io.gmerecording.spec.model.RecordInfo;
import io.gmerecording.spec.model.SubscribeRecordUserIds;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rooms of the emulated service and their recording tasks: users join, leave, mute and unmute; a room has at most
 * one task; a task records a file per user it subscribes (single stream), one mixed file with UserId "0", or both; a
 * user who joins, or unmutes, starts a new segment (a new file), and so does a file that reaches two hours. A task
 * without a stop ends 12 hours after its room empties (whoever comes back before that is recorded again). After a stop
 * every recording moves through the statuses 10 to 14, a simulation step each. Time is the emulator's clock, read at
 * every call: the rules apply as of then. Thread-safe: every method holds the lock.
 */
final class Lifecycle {

    static final long RECORDING = 2;
    static final Duration SEGMENT = Duration.ofHours(2);
    static final Duration EMPTY_ROOM_GRACE = Duration.ofHours(12);
    private static final String MIXED = "0";
    private static final long STARTED = 1;
    private static final long FINISHED = 2;
    private static final long UPLOADED_EVENT = 3;
    private static final long[] AFTER_STOP = {10, 11, 12, 13, 14};
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration step;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>(); // in the order they started
    private final Set<Long> apps = new HashSet<>();

    private final long maxTaskId;
    private final Consumer<CallbackSender.Event> events;
    /** Stopped tasks whose files have not reached NOTIFIED yet, for their upload events. */
    private final List<Task> toNotify = new ArrayList<>();

    /** @param events hears every event of a file: started, finished, uploaded (the service's callbacks) */
    Lifecycle(Clock clock, Duration step, long maxTaskId, Consumer<CallbackSender.Event> events) {
        this.clock = clock;
        this.step = step == null ? Duration.ofSeconds(1) : step;
        this.maxTaskId = maxTaskId;
        this.events = events;
    }

    /** Users of a room and whether each speaks. */
    private static final class Room {
        final Map<String, Boolean> speaking = new LinkedHashMap<>();
        Task task;
    }

    /** One task: its mode and lists, and its recordings, one per segment. */
    private static final class Task {
        final long bizId;
        final long taskId;
        final String roomId;
        long mode;
        List<String> only;
        List<String> allBut;
        final List<RecordInfo> recordings = new ArrayList<>();
        /** The begin of each stream's file being written now: a recorded user who speaks, the mixed stream. */
        final Map<String, Instant> writing = new LinkedHashMap<>();
        Instant emptiedAt;
        Instant stoppedAt;

        Task(long bizId, long taskId, String roomId) {
            this.bizId = bizId;
            this.taskId = taskId;
            this.roomId = roomId;
        }

        boolean records(String userId) {
            return only != null ? only.contains(userId) : allBut == null || !allBut.contains(userId);
        }
    }

    synchronized void knowApp(long bizId) {
        apps.add(bizId);
    }

    synchronized boolean knowsApp(long bizId) {
        return apps.contains(bizId);
    }

    private static String key(long bizId, String roomId) {
        return bizId + "/" + roomId;
    }

    private static String key(long bizId, long taskId) {
        return bizId + "#" + taskId;
    }

    synchronized void join(long bizId, String roomId, String userId) {
        advance();
        Room room = rooms.computeIfAbsent(key(bizId, roomId), any -> new Room());
        boolean wasEmpty = room.speaking.isEmpty();
        if (room.speaking.putIfAbsent(userId, Boolean.TRUE) == null && room.task != null) {
            room.task.emptiedAt = null;
            if (wasEmpty && room.task.mode != 1) {
                startSegment(room.task, MIXED);
            }
            startSegment(room.task, userId);
        }
    }

    synchronized void leave(long bizId, String roomId, String userId) {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room != null && room.speaking.remove(userId) != null && room.task != null) {
            Instant now = clock.instant();
            finish(room.task, userId, now);
            if (room.speaking.isEmpty()) {
                finish(room.task, MIXED, now);
                room.task.emptiedAt = now;
            }
        }
    }

    synchronized void mute(long bizId, String roomId, String userId) {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room != null && room.speaking.containsKey(userId)) {
            room.speaking.put(userId, Boolean.FALSE);
            if (room.task != null) {
                finish(room.task, userId, clock.instant());
            }
        }
    }

    /** A user who speaks again starts a new segment, as the service does. */
    synchronized void unmute(long bizId, String roomId, String userId) {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room != null && Boolean.FALSE.equals(room.speaking.get(userId))) {
            room.speaking.put(userId, Boolean.TRUE);
            if (room.task != null) {
                startSegment(room.task, userId);
            }
        }
    }

    /** The new task's id. */
    synchronized long start(long bizId, String roomId, long mode, List<String> only, List<String> allBut)
            throws Rejection {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room == null || room.speaking.isEmpty()) {
            throw new Rejection("ResourceNotFound.RoomNotFound", "The room " + roomId + " does not exist (no one is "
                    + "in it).");
        }
        if (room.task != null) {
            throw new Rejection("ResourceInUse.TaskInUse", "The room " + roomId + " is already being recorded.");
        }
        long taskId = 1 + (random.nextLong() >>> 1) % maxTaskId;
        for (int tries = 1; tasks.containsKey(key(bizId, taskId)); tries++) {
            if (tries == 1000) {
                throw new Rejection("InternalError", "The emulator found no free TaskId up to its largest, "
                        + maxTaskId + ".");
            }
            taskId = 1 + (random.nextLong() >>> 1) % maxTaskId;
        }
        Task task = new Task(bizId, taskId, roomId);
        task.mode = mode;
        task.only = only;
        task.allBut = allBut;
        room.task = task;
        tasks.put(key(bizId, taskId), task);
        speakers(room).forEach(userId -> startSegment(task, userId));
        if (mode != 1) {
            startSegment(task, MIXED);
        }
        return taskId;
    }

    synchronized void stop(long bizId, long taskId) throws Rejection {
        advance();
        end(running(bizId, taskId), clock.instant());
    }

    synchronized void modify(long bizId, long taskId, long mode, List<String> only, List<String> allBut)
            throws Rejection {
        advance();
        Task task = running(bizId, taskId);
        task.mode = mode;
        task.only = only;
        task.allBut = allBut;
        Room room = rooms.get(key(bizId, task.roomId));
        // streams the new settings no longer record stop; those they now record start a file
        Instant now = clock.instant();
        for (String stream : new ArrayList<>(task.writing.keySet())) {
            if (stream.equals(MIXED) ? mode == 1 : !task.records(stream) || mode == 2) {
                finish(task, stream, now);
            }
        }
        if (!room.speaking.isEmpty() && mode != 1 && !task.writing.containsKey(MIXED)) {
            startSegment(task, MIXED);
        }
        for (String userId : speakers(room)) {
            if (!task.writing.containsKey(userId)) {
                startSegment(task, userId);
            }
        }
    }

    synchronized DescribeTaskInfoResponse taskOf(long bizId, String roomId) throws Rejection {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room == null || room.task == null) {
            throw new Rejection("ResourceNotFound.RoomNotFound", "The room " + roomId + " has no recording task.");
        }
        Task task = room.task;
        SubscribeRecordUserIds lists = task.only == null && task.allBut == null ? null
                : new SubscribeRecordUserIds().subscribeUserIds(task.only).unSubscribeUserIds(task.allBut);
        return new DescribeTaskInfoResponse().taskId(task.taskId).recordMode(task.mode).subscribeRecordUserIds(lists);
    }

    /** The task's answer to DescribeRecordInfo, or null when it is not a task of the lifecycle. */
    synchronized DescribeRecordInfoResponse describe(long bizId, long taskId) {
        advance();
        Task task = tasks.get(key(bizId, taskId));
        if (task == null) {
            return null;
        }
        long status = status(task);
        List<RecordInfo> infos = new ArrayList<>();
        for (RecordInfo info : task.recordings) {
            infos.add(new RecordInfo().userId(info.getUserId()).fileName(info.getFileName())
                    .recordBeginTime(info.getRecordBeginTime()).recordStatus(status));
        }
        return new DescribeRecordInfoResponse().roomId(task.roomId).recordMode(task.mode).recordInfo(infos);
    }

    /** RECORDING until stopped, then a step of the pipeline per simulation step. */
    private long status(Task task) {
        if (task.stoppedAt == null) {
            return RECORDING;
        }
        long steps = Math.max(0, Duration.between(task.stoppedAt, clock.instant()).toMillis())
                / Math.max(1, step.toMillis());
        return AFTER_STOP[(int) Math.min(AFTER_STOP.length - 1, steps)];
    }

    /** Every room with users, for the console: its users, whether each speaks, and the task recording it. */
    synchronized List<Map<String, Object>> rooms() {
        advance();
        List<Map<String, Object>> shown = new ArrayList<>();
        rooms.forEach((key, room) -> {
            if (room.speaking.isEmpty()) {
                return;
            }
            int slash = key.indexOf('/');
            List<Map<String, Object>> users = new ArrayList<>();
            room.speaking.forEach((userId, speaks) -> {
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("userId", userId);
                user.put("speaking", speaks);
                users.add(user);
            });
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bizId", Long.parseLong(key.substring(0, slash)));
            entry.put("roomId", key.substring(slash + 1));
            entry.put("taskId", room.task == null ? null : String.valueOf(room.task.taskId));
            entry.put("users", users);
            shown.add(entry);
        });
        shown.sort(Comparator.comparing((Map<String, Object> room) -> (Long) room.get("bizId"))
                .thenComparing(room -> (String) room.get("roomId")));
        return shown;
    }

    /** The newest {@code count} tasks, newest first, each with its status and files, for the console. */
    synchronized List<Map<String, Object>> newestTasks(int count) {
        advance();
        List<Task> all = new ArrayList<>(tasks.values());
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && shown.size() < count; i--) {
            Task task = all.get(i);
            long status = status(task);
            List<Map<String, Object>> files = new ArrayList<>();
            for (RecordInfo info : task.recordings) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("userId", info.getUserId());
                file.put("fileName", info.getFileName());
                file.put("recordStatus", status);
                files.add(file);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bizId", task.bizId);
            entry.put("taskId", String.valueOf(task.taskId)); // a string: JavaScript numbers end at 2^53
            entry.put("roomId", task.roomId);
            entry.put("recordMode", task.mode);
            entry.put("status", status);
            entry.put("recordings", files);
            shown.add(entry);
        }
        return shown;
    }

    synchronized List<Long> apps() {
        List<Long> known = new ArrayList<>(apps);
        known.sort(null);
        return known;
    }

    /** The users of a room now, for the console and tests. */
    synchronized Set<String> users(long bizId, String roomId) {
        Room room = rooms.get(key(bizId, roomId));
        return room == null ? Set.of() : new LinkedHashSet<>(room.speaking.keySet());
    }

    private Task running(long bizId, long taskId) throws Rejection {
        Task task = tasks.get(key(bizId, taskId));
        if (task == null || task.stoppedAt != null) {
            throw new Rejection("ResourceNotFound.TaskNotFound", "The task ID " + taskId + " does not exist.");
        }
        return task;
    }

    private static List<String> speakers(Room room) {
        List<String> speakers = new ArrayList<>();
        room.speaking.forEach((userId, speaks) -> {
            if (speaks) {
                speakers.add(userId);
            }
        });
        return speakers;
    }

    /** A new file for the stream from now, if the task records it. */
    private void startSegment(Task task, String stream) {
        boolean recorded = stream.equals(MIXED) ? task.mode != 1 : task.mode != 2 && task.records(stream);
        if (recorded) {
            Instant now = clock.instant();
            newFile(task, stream, now);
            task.writing.put(stream, now);
        }
    }

    /**
     * The rules time alone applies, up to now: every file being written that reached two hours is followed by the
     * next, and a task whose room has been empty for 12 hours ends then.
     */
    private void advance() {
        Instant now = clock.instant();
        for (Room room : rooms.values()) {
            Task task = room.task;
            if (task == null) {
                continue;
            }
            Instant until = task.emptiedAt == null ? now : min(now, task.emptiedAt.plus(EMPTY_ROOM_GRACE));
            int before = task.recordings.size();
            for (Map.Entry<String, Instant> file : task.writing.entrySet()) {
                for (Instant next = file.getValue().plus(SEGMENT); !next.isAfter(until); next = next.plus(SEGMENT)) {
                    announce(task, file.getKey(), next, FINISHED);
                    newFile(task, file.getKey(), next);
                    file.setValue(next);
                }
            }
            if (task.recordings.size() > before) {
                // files in the order they began, as every other file is listed
                task.recordings.sort(Comparator.comparing(RecordInfo::getRecordBeginTime));
            }
            if (task.emptiedAt != null && !now.isBefore(task.emptiedAt.plus(EMPTY_ROOM_GRACE))) {
                end(task, task.emptiedAt.plus(EMPTY_ROOM_GRACE));
            }
        }
        for (Iterator<Task> stopped = toNotify.iterator(); stopped.hasNext(); ) {
            Task task = stopped.next();
            Instant notified = task.stoppedAt.plus(step.multipliedBy(AFTER_STOP.length - 1));
            if (!now.isBefore(notified)) {
                // the service calls back as each file is uploaded, which is what NOTIFIED (14) says it did
                Map<String, Integer> seqNo = new HashMap<>();
                for (RecordInfo file : task.recordings) {
                    int seq = seqNo.merge(file.getUserId(), 1, Integer::sum) - 1;
                    events.accept(event(task, file.getUserId(), notified, UPLOADED_EVENT, seq, file.getFileName()));
                }
                stopped.remove();
            }
        }
    }

    /** Events the emulator's clock has made due while nobody called (the upload events after a stop). */
    synchronized void tick() {
        advance();
    }

    private void end(Task task, Instant at) {
        for (String stream : new ArrayList<>(task.writing.keySet())) {
            finish(task, stream, at);
        }
        task.stoppedAt = at;
        toNotify.add(task);
        rooms.values().stream().filter(room -> room.task == task).forEach(room -> room.task = null);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A new file of the stream, and its started event. */
    private void newFile(Task task, String stream, Instant at) {
        long seqNo = task.recordings.stream().filter(file -> file.getUserId().equals(stream)).count();
        RecordInfo file = recording(task, stream, at);
        task.recordings.add(file);
        events.accept(event(task, stream, at, STARTED, seqNo, file.getFileName()));
    }

    /** The stream's file being written ends now, if one is. */
    private void finish(Task task, String stream, Instant at) {
        if (task.writing.remove(stream) != null) {
            announce(task, stream, at, FINISHED);
        }
    }

    /** An event about the stream's latest file. */
    private void announce(Task task, String stream, Instant at, long type) {
        long seqNo = -1;
        String fileName = null;
        for (RecordInfo file : task.recordings) {
            if (file.getUserId().equals(stream)) {
                seqNo++;
                fileName = file.getFileName();
            }
        }
        events.accept(event(task, stream, at, type, seqNo, fileName));
    }

    private static CallbackSender.Event event(Task task, String stream, Instant at, long type, long seqNo,
            String fileName) {
        return new CallbackSender.Event(task.bizId, task.roomId, stream, task.taskId, stream.equals(MIXED) ? 1 : 0,
                at, type, seqNo, fileName);
    }

    private RecordInfo recording(Task task, String userId, Instant now) {
        return new RecordInfo().userId(userId).recordBeginTime(now.getEpochSecond()).recordStatus(RECORDING)
                .fileName(task.bizId + "_" + task.roomId + "_" + userId + "/" + FILE_TIME.format(now) + "_"
                        + task.taskId + "_audio.mp3");
    }
}
