package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.RecordingQueryException;
import io.gmerecording.core.internal.Policies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Describes many tasks with at most {@code concurrency} requests in flight and returns one {@link BatchResult} per
 * task, in input order. One task's failure never loses another's result. Combine with a rate-limited query to stay
 * under the API's limit.
 */
public final class BatchDescriber {

    private final RecordingQuery query;
    private final int concurrency;

    private BatchDescriber(RecordingQuery query, int concurrency) {
        this.query = Objects.requireNonNull(query, "query must not be null");
        this.concurrency = Policies.atLeastOne(concurrency, "concurrency");
    }

    public static BatchDescriber over(RecordingQuery query, int concurrency) {
        return new BatchDescriber(query, concurrency);
    }

    public List<BatchResult> describeAll(List<TaskRef> tasks) {
        List<TaskRef> refs = new ArrayList<>(Objects.requireNonNull(tasks, "tasks must not be null"));
        for (int i = 0; i < refs.size(); i++) {
            Objects.requireNonNull(refs.get(i), "tasks[" + i + "] must not be null");
        }
        if (refs.isEmpty()) {
            return new ArrayList<>();
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, refs.size()), runnable -> {
            Thread thread = new Thread(runnable, "gme-recording-batch-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<BatchResult>> futures = new ArrayList<>();
            for (TaskRef ref : refs) {
                futures.add(pool.submit(() -> describeOne(ref)));
            }
            List<BatchResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(refs.get(i), futures.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private BatchResult describeOne(TaskRef ref) {
        try {
            return BatchResult.success(ref, query.describe(ref));
        } catch (RecordingQueryException e) {
            return BatchResult.failure(ref, e);
        } catch (RuntimeException e) {
            // a query broke its contract; report it for this task only, so the others' results are kept
            return BatchResult.failure(ref, ErrorCodes.unexpectedFailure(
                    "describing " + ref + " threw " + e.getClass().getName(), e));
        }
    }

    private static BatchResult await(TaskRef ref, Future<BatchResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BatchResult.failure(ref, ErrorCodes.interrupted("interrupted while waiting for " + ref, e));
        } catch (ExecutionException e) {
            return BatchResult.failure(ref, ErrorCodes.unexpectedFailure(
                    "describing " + ref + " failed", e.getCause()));
        }
    }
}
