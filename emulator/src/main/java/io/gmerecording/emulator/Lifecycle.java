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
 * user who joins, or unmutes, starts a new segment (a new file). After a stop every recording moves through the
 * statuses 10 to 14, a simulation step each. Thread-safe: every method holds the lock.
 */
final class Lifecycle {

    static final long RECORDING = 2;
    private static final long[] AFTER_STOP = {10, 11, 12, 13, 14};
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration step;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Set<Long> apps = new HashSet<>();

    Lifecycle(Clock clock, Duration step) {
        this.clock = clock;
        this.step = step == null ? Duration.ofSeconds(1) : step;
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
        Room room = rooms.computeIfAbsent(key(bizId, roomId), any -> new Room());
        if (room.speaking.putIfAbsent(userId, Boolean.TRUE) == null && room.task != null) {
            startSegment(room.task, userId);
        }
    }

    synchronized void leave(long bizId, String roomId, String userId) {
        Room room = rooms.get(key(bizId, roomId));
        if (room != null) {
            room.speaking.remove(userId);
        }
    }

    synchronized void mute(long bizId, String roomId, String userId) {
        Room room = rooms.get(key(bizId, roomId));
        if (room != null && room.speaking.containsKey(userId)) {
            room.speaking.put(userId, Boolean.FALSE);
        }
    }

    /** A user who speaks again starts a new segment, as the service does. */
    synchronized void unmute(long bizId, String roomId, String userId) {
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
        Room room = rooms.get(key(bizId, roomId));
        if (room == null || room.speaking.isEmpty()) {
            throw new Rejection("ResourceNotFound.RoomNotFound", "The room " + roomId + " does not exist (no one is "
                    + "in it).");
        }
        if (room.task != null) {
            throw new Rejection("ResourceInUse.TaskInUse", "The room " + roomId + " is already being recorded.");
        }
        long taskId;
        do {
            taskId = 1 + (random.nextLong() >>> 1) % (Long.MAX_VALUE - 1);
        } while (tasks.containsKey(key(bizId, taskId)));
        Task task = new Task(bizId, taskId, roomId);
        task.mode = mode;
        task.only = only;
        task.allBut = allBut;
        room.task = task;
        tasks.put(key(bizId, taskId), task);
        room.speaking.keySet().forEach(userId -> startSegment(task, userId));
        if (mode != 1) {
            task.recordings.add(recording(task, "0"));
        }
        return taskId;
    }

    synchronized void stop(long bizId, long taskId) throws Rejection {
        Task task = running(bizId, taskId);
        task.stoppedAt = clock.instant();
        rooms.values().stream().filter(room -> room.task == task).forEach(room -> room.task = null);
    }

    synchronized void modify(long bizId, long taskId, long mode, List<String> only, List<String> allBut)
            throws Rejection {
        Task task = running(bizId, taskId);
        boolean hadMixed = task.mode != 1;
        task.mode = mode;
        task.only = only;
        task.allBut = allBut;
        Room room = rooms.get(key(bizId, task.roomId));
        for (String userId : room.speaking.keySet()) {
            boolean recorded = task.recordings.stream().anyMatch(info -> info.getUserId().equals(userId));
            if (!recorded) {
                startSegment(task, userId);
            }
        }
        if (!hadMixed && mode != 1) {
            task.recordings.add(recording(task, "0"));
        }
    }

    synchronized DescribeTaskInfoResponse taskOf(long bizId, String roomId) throws Rejection {
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

    private void startSegment(Task task, String userId) {
        if (task.mode != 2 && task.records(userId)) {
            task.recordings.add(recording(task, userId));
        }
    }

    private RecordInfo recording(Task task, String userId) {
        Instant now = clock.instant();
        return new RecordInfo().userId(userId).recordBeginTime(now.getEpochSecond()).recordStatus(RECORDING)
                .fileName(task.bizId + "_" + task.roomId + "_" + userId + "/" + FILE_TIME.format(now) + "_"
                        + task.taskId + "_audio.mp3");
    }
}
