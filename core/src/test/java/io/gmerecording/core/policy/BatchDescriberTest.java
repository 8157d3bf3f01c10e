package io.gmerecording.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.ErrorCodes;
import io.gmerecording.core.error.TaskNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchDescriberTest {

    private static List<TaskRef> refs(int count) {
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            refs.add(TaskRef.of(1, i));
        }
        return refs;
    }

    @Test
    void returnsOneResultPerTaskInInputOrderKeepingFailuresApart() {
        RecordingQuery query = ref -> {
            if (ref.taskId() % 3 == 0) {
                throw ErrorCodes.exception("ResourceNotFound.TaskNotFound", "no " + ref.taskId(), "r" + ref.taskId());
            }
            if (ref.taskId() == 7) {
                throw new IllegalStateException("a broken adapter");
            }
            return RecordingTask.of(ref, "room-" + ref.taskId(), 1, Collections.emptyList(), "q");
        };

        List<BatchResult> results = BatchDescriber.over(query, 4).describeAll(refs(10));

        assertThat(results).extracting(BatchResult::ref).isEqualTo(refs(10));
        for (BatchResult result : results) {
            long id = result.ref().taskId();
            if (id % 3 == 0) {
                assertThat(result.error()).get().isInstanceOf(TaskNotFoundException.class);
                assertThat(result.value()).isEmpty();
            } else if (id == 7) {
                assertThat(result.error()).get().extracting(e -> e.code())
                        .isEqualTo(ErrorCodes.CLIENT_UNEXPECTED_FAILURE);
            } else {
                assertThat(result.isSuccess()).isTrue();
                assertThat(result.value().get().roomId()).isEqualTo("room-" + id);
            }
        }
    }

    @Test
    void keepsAtMostConcurrencyRequestsInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch threeStarted = new CountDownLatch(3);
        RecordingQuery query = ref -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // the first three meet here, so three really are in flight together
                threeStarted.countDown();
                threeStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return RecordingTask.of(ref, "r", 1, Collections.emptyList(), "q");
        };

        List<BatchResult> results = BatchDescriber.over(query, 3).describeAll(refs(30));

        assertThat(results).hasSize(30).allMatch(BatchResult::isSuccess);
        assertThat(maxInFlight).hasValue(3);
    }

    @Test
    void anEmptyBatchIsEmpty() {
        assertThat(BatchDescriber.over(ref -> null, 2).describeAll(Collections.emptyList())).isEmpty();
    }
}
