package io.gmerecording.examples.springboot;

import io.gmerecording.callbacks.RecordingEvent;
import io.gmerecording.core.RecordStatus;
import io.gmerecording.core.TaskRef;
import io.gmerecording.core.policy.RecordingTracker;
import io.gmerecording.core.policy.TaskEnd;
import io.gmerecording.core.policy.TrackerListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows every task this application started until its files are NOTIFIED (the starter's tracker; with
 * gme.recording.callback.app-key set, the callbacks make it ask at once), and keeps each end: where an application
 * would process the files. The callbacks themselves arrive as {@link RecordingEvent}s.
 */
@Component
class RecordingFiles implements TrackerListener {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingFiles.class);

    private final ObjectProvider<RecordingTracker> tracker;
    private final List<TaskEnd> ends = new CopyOnWriteArrayList<>();
    private final List<RecordingEvent> events = new CopyOnWriteArrayList<>();

    RecordingFiles(ObjectProvider<RecordingTracker> tracker) {
        this.tracker = tracker;
    }

    void follow(TaskRef task) {
        tracker.ifAvailable(following -> following.track(task, RecordStatus.NOTIFIED));
    }

    @Override
    public void onEnd(TaskEnd end) {
        LOG.info("{} ended {}", end.task(), end.outcome());
        ends.add(end);
    }

    @EventListener
    void on(RecordingEvent event) {
        LOG.info("callback: {}", event);
        events.add(event);
    }

    List<TaskEnd> ends() {
        return List.copyOf(ends);
    }

    List<RecordingEvent> events() {
        return List.copyOf(events);
    }
}
