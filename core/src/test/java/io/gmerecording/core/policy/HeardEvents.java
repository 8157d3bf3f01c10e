package io.gmerecording.core.policy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tracker's listener for tests: every change and end it heard, in order. */
class HeardEvents implements TrackerListener {
    final List<TaskChange> changes = new CopyOnWriteArrayList<>();
    final List<TaskEnd> ends = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(TaskChange change) {
        changes.add(change);
    }

    @Override
    public void onEnd(TaskEnd end) {
        ends.add(end);
    }
}
