package io.gmerecording.core.policy;

import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers from a script: each step is a task to return or an exception to throw; the last step repeats. */
final class ScriptedQuery implements RecordingQuery {

    private final Deque<Object> script = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    ScriptedQuery then(Object step) {
        script.addLast(step);
        return this;
    }

    @Override
    public synchronized RecordingTask describe(TaskRef task) {
        calls.incrementAndGet();
        Object step = script.size() > 1 ? script.pollFirst() : script.peekFirst();
        if (step instanceof RecordingQueryException) {
            throw (RecordingQueryException) step;
        }
        return (RecordingTask) step;
    }
}
