package io.gmerecording.core.policy;

import io.gmerecording.core.GmeRecording;
import io.gmerecording.core.RecordingQuery;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import io.gmerecording.core.error.RecordingQueryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers from a script: each step is a task to return or an exception to throw; the last step repeats. A transport
 * for a client, or a query on its own.
 */
class ScriptedQuery implements Transport, RecordingQuery {

    /** A budget that never waits or refuses. */
    static final PermitSource UNLIMITED = () -> () -> { };

    private final Deque<Object> script = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();

    ScriptedQuery then(Object step) {
        script.addLast(step);
        return this;
    }

    /** A client over this script with no budget to wait for, on {@code time}. */
    GmeRecording.Builder client(TimeSource time) {
        return GmeRecording.builder().transport(this).permits(action -> UNLIMITED).timeSource(time);
    }

    @Override
    public String name() {
        return "scripted";
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

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
