package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Tells a {@link RecordingObserver} about every request that reaches the adapter: placed right around it, inside
 * the rate limit, so the latency is the request's alone. The attempt number comes from the retry policy around it
 * (1 when there is none).
 */
public final class ObservedRecordingQuery implements RecordingQuery {

    /** The attempt the retry policy on this thread is making; 0 outside one (taken as 1). */
    private static final ThreadLocal<int[]> ATTEMPT = ThreadLocal.withInitial(() -> new int[1]);

    private final RecordingQuery adapter;
    private final String adapterName;
    private final RecordingObserver observer;
    private final TimeSource time;

    private ObservedRecordingQuery(RecordingQuery adapter, String adapterName, RecordingObserver observer,
            TimeSource time) {
        this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
        this.adapterName = Objects.requireNonNull(adapterName, "adapterName must not be null");
        this.observer = Objects.requireNonNull(observer, "observer must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    public static ObservedRecordingQuery over(RecordingQuery adapter, String adapterName, RecordingObserver observer,
            TimeSource time) {
        return new ObservedRecordingQuery(adapter, adapterName, observer, time);
    }

    /** "http" for HttpRecordingQuery, "sdk" for SdkRecordingQuery, the simple class name otherwise. */
    static String nameOf(RecordingQuery adapter) {
        String name = adapter.getClass().getSimpleName();
        return name.endsWith("RecordingQuery") && name.length() > "RecordingQuery".length()
                ? name.substring(0, name.length() - "RecordingQuery".length()).toLowerCase(Locale.ROOT) : name;
    }

    /** Runs {@code call} as attempt {@code attempt} of the retry policy on this thread. */
    static RecordingTask asAttempt(int attempt, Supplier<RecordingTask> call) {
        int[] current = ATTEMPT.get();
        int outer = current[0];
        current[0] = attempt;
        try {
            return call.get();
        } finally {
            current[0] = outer;
        }
    }

    @Override
    public RecordingTask describe(TaskRef task) {
        int attempt = Math.max(1, ATTEMPT.get()[0]);
        RecordingObserver.Attempt[] starting = {RecordingObserver.Attempt.IGNORED};
        ObserverGroup.safely(observer, o -> starting[0] = o.attemptStarted(adapterName, task, attempt));
        RecordingObserver.Attempt observed = starting[0];
        long started = time.nanoTime();
        RecordingTask answer;
        try {
            answer = adapter.describe(task);
        } catch (RecordingQueryException e) {
            Duration latency = Duration.ofNanos(time.nanoTime() - started);
            ObserverGroup.safely(observed, o -> o.failed(e, latency));
            throw e;
        }
        Duration latency = Duration.ofNanos(time.nanoTime() - started);
        ObserverGroup.safely(observed, o -> o.succeeded(answer, latency));
        return answer;
    }

    /** Closes the adapter. */
    @Override
    public void close() {
        adapter.close();
    }

    @Override
    public String toString() {
        return "ObservedRecordingQuery[" + adapterName + ", " + adapter + "]";
    }
}
