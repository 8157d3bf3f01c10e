package example;

import io.gmerecording.callbacks.RecordingEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The recording callbacks the starter's endpoint took, each once (gme.recording.callback.app-key is set). */
@Component
public class RecordingEvents {

    private final List<RecordingEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(RecordingEvent event) {
        received.add(event); // an application would look at the task now: the event is a hint, describe the truth
    }

    public List<RecordingEvent> received() {
        return List.copyOf(received);
    }
}
