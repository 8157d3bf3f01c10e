package io.gmerecording.spring;

import io.gmerecording.core.Action;
import io.gmerecording.core.CredentialsProvider;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.policy.RecordingTracker;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code /actuator/health}'s {@code gmeRecording}: DOWN when the credentials cannot be resolved, when a shared
 * budget's Redis does not answer, or when the tracker bean is not running; the details say which, never a secret.
 */
final class GmeRecordingHealthIndicator extends AbstractHealthIndicator {

    private final CredentialsProvider credentials;
    private final SharedLimitReachability sharedLimit;
    private final ObjectProvider<RecordingTracker> tracker;

    GmeRecordingHealthIndicator(CredentialsProvider credentials, SharedLimitReachability sharedLimit,
            ObjectProvider<RecordingTracker> tracker) {
        super("the GME recording health check failed");
        this.credentials = credentials;
        this.sharedLimit = sharedLimit;
        this.tracker = tracker;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean up = true;
        try {
            credentials.resolve();
            health.withDetail("credentials", "resolvable");
        } catch (RecordingQueryException e) {
            up = false;
            health.withDetail("credentials", "not resolvable: " + e.code());
        }
        Map<String, String> budgets = new TreeMap<>();
        for (Map.Entry<Action, BooleanSupplier> check : sharedLimit.checks().entrySet()) {
            boolean answers = check.getValue().getAsBoolean();
            up &= answers;
            budgets.put(check.getKey().toString(), answers ? "Redis answers" : "Redis does not answer");
        }
        if (!budgets.isEmpty()) {
            health.withDetail("sharedLimit", budgets);
        }
        RecordingTracker running = tracker.getIfAvailable();
        if (running != null) {
            up &= running.isRunning();
            health.withDetail("tracker", running.isRunning() ? "running, " + running.trackedCount() + " tasks"
                    : "not running");
        }
        if (up) {
            health.up();
        } else {
            health.down();
        }
    }
}
