package io.gmerecording.core.internal;

import io.gmerecording.core.Action;
import io.gmerecording.core.RecordingTask;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.Transport;
import java.util.Objects;
import java.util.function.Function;

/**
 * One call through the pipeline and its context: the action, the task, the transport's name, the attempt, and what
 * the transport is asked at the end. Immutable: a step that changes the context (the retry step numbering attempts)
 * hands a new one down the chain, so nothing about a call rides on a thread.
 *
 * @param <T> what the call answers
 */
public final class Call<T> {

    private final Action action;
    private final TaskRef task;
    private final String adapter;
    private final int attempt;
    private final Function<Transport, T> send;

    private Call(Action action, TaskRef task, String adapter, int attempt, Function<Transport, T> send) {
        this.action = Objects.requireNonNull(action, "action must not be null");
        this.task = Objects.requireNonNull(task, "task must not be null");
        this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
        this.attempt = attempt;
        this.send = send;
    }

    /** {@code DescribeRecordInfo} for {@code task} through the transport called {@code adapter}, attempt 1. */
    public static Call<RecordingTask> describe(TaskRef task, String adapter) {
        return new Call<>(Action.DESCRIBE_RECORD_INFO, task, adapter, 1, transport -> transport.describe(task));
    }

    /** The same call as attempt {@code number}. */
    public Call<T> attempt(int number) {
        return new Call<>(action, task, adapter, Policies.atLeastOne(number, "attempt"), send);
    }

    public Action action() {
        return action;
    }

    public TaskRef task() {
        return task;
    }

    public String adapter() {
        return adapter;
    }

    /** 1 for the first, 2 for the first retry, ... */
    public int attempt() {
        return attempt;
    }

    /** The request itself, sent by the last link of the chain. */
    T sendThrough(Transport transport) {
        return send.apply(transport);
    }

    @Override
    public String toString() {
        return action.apiName() + " " + task + " via " + adapter + ", attempt " + attempt;
    }
}
