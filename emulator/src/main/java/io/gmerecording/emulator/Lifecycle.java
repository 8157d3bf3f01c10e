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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final long[] AFTER_STOP = {10, 11, 12, 13, 14};
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration step;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Set<Long> apps = new HashSet<>();

    private final long maxTaskId;

    Lifecycle(Clock clock, Duration step, long maxTaskId) {
        this.clock = clock;
        this.step = step == null ? Duration.ofSeconds(1) : step;
        this.maxTaskId = maxTaskId;
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
            room.task.writing.remove(userId);
            if (room.speaking.isEmpty()) {
                room.task.writing.remove(MIXED);
                room.task.emptiedAt = clock.instant();
            }
        }
    }

    synchronized void mute(long bizId, String roomId, String userId) {
        advance();
        Room room = rooms.get(key(bizId, roomId));
        if (room != null && room.speaking.containsKey(userId)) {
            room.speaking.put(userId, Boolean.FALSE);
            if (room.task != null) {
                room.task.writing.remove(userId);
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
        task.writing.keySet().removeIf(stream -> stream.equals(MIXED) ? mode == 1 : !task.records(stream) || mode == 2);
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
        long status = RECORDING;
        if (task.stoppedAt != null) {
            long steps = Math.max(0, Duration.between(task.stoppedAt, clock.instant()).toMillis())
                    / Math.max(1, step.toMillis());
            status = AFTER_STOP[(int) Math.min(AFTER_STOP.length - 1, steps)];
        }
        List<RecordInfo> infos = new ArrayList<>();
        for (RecordInfo info : task.recordings) {
            infos.add(new RecordInfo().userId(info.getUserId()).fileName(info.getFileName())
                    .recordBeginTime(info.getRecordBeginTime()).recordStatus(status));
        }
        return new DescribeRecordInfoResponse().roomId(task.roomId).recordMode(task.mode).recordInfo(infos);
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
            task.recordings.add(recording(task, stream, now));
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
                    task.recordings.add(recording(task, file.getKey(), next));
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
    }

    private void end(Task task, Instant at) {
        task.stoppedAt = at;
        task.writing.clear();
        rooms.values().stream().filter(room -> room.task == task).forEach(room -> room.task = null);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private RecordInfo recording(Task task, String userId, Instant now) {
        return new RecordInfo().userId(userId).recordBeginTime(now.getEpochSecond()).recordStatus(RECORDING)
                .fileName(task.bizId + "_" + task.roomId + "_" + userId + "/" + FILE_TIME.format(now) + "_"
                        + task.taskId + "_audio.mp3");
    }
}
