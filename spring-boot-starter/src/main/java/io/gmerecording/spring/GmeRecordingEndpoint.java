package io.gmerecording.spring;

import io.gmerecording.core.Action;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TrackedTaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/gmerecording}: the tasks the tracker holds (status, since when, how overdue), the earliest due
 * first and at most {@value #LISTED} of them, and the request budget (its limits, and for a shared budget whether
 * each action's Redis answers). Read-only; no secret is shown.
 */
@Endpoint(id = "gmerecording")
final class GmeRecordingEndpoint {

    static final int LISTED = 1000;

    private final GmeRecordingProperties properties;
    private final SharedLimitReachability sharedLimit;
    private final ObjectProvider<RecordingTracker> tracker;
    private final Clock clock;

    GmeRecordingEndpoint(GmeRecordingProperties properties, SharedLimitReachability sharedLimit,
            ObjectProvider<RecordingTracker> tracker, Clock clock) {
        this.properties = properties;
        this.sharedLimit = sharedLimit;
        this.tracker = tracker;
        this.clock = clock;
    }

    @ReadOperation
    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("tracker", trackerState());
        state.put("budget", budgetState());
        return state;
    }

    private Map<String, Object> trackerState() {
        Map<String, Object> shown = new LinkedHashMap<>();
        RecordingTracker running = tracker.getIfAvailable();
        if (running == null) {
            shown.put("enabled", false);
            return shown;
        }
        Instant now = clock.instant();
        List<TrackedTaskState> tasks = running.tracked();
        shown.put("running", running.isRunning());
        shown.put("tracked", tasks.size());
        shown.put("requests", running.requests());
        shown.put("worstStaleness", running.worstStaleness().toString());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (TrackedTaskState task : tasks.subList(0, Math.min(LISTED, tasks.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bizId", task.task().bizId());
            entry.put("taskId", task.task().taskId());
            entry.put("target", task.target().name());
            entry.put("status", task.status().map(Enum::name).orElse(null));
            entry.put("statusSince", now.minus(task.unchangedFor()).toString());
            entry.put("trackedSince", now.minus(task.trackedFor()).toString());
            entry.put("staleness", task.overdueBy().toString());
            entry.put("inFlight", task.inFlight());
            listed.add(entry);
        }
        shown.put("tasks", listed);
        return shown;
    }

    private Map<String, Object> budgetState() {
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("maxRequestsPerSecond", properties.getMaxRequestsPerSecond());
        budget.put("maxRateLimitWait", properties.getMaxRateLimitWait().toString());
        Map<Action, BooleanSupplier> checks = sharedLimit.checks();
        if (checks.isEmpty()) {
            budget.put("scope", "this instance");
            return budget;
        }
        budget.put("scope", "shared through Redis");
        Map<String, String> redis = new TreeMap<>();
        checks.forEach((action, answers) -> redis.put(action.toString(),
                answers.getAsBoolean() ? "Redis answers" : "Redis does not answer"));
        budget.put("redis", redis);
        return budget;
    }
}
