package io.gmerecording.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a logger records while an action runs, captured instead of printed; shared through core's test-jar. */
public final class CapturedLog {

    private CapturedLog() {
    }

    /** An action that may throw, as tests' actions do. */
    public interface Action {
        void run() throws Exception;
    }

    /** The records the named logger (and the loggers below it) publish while the action runs. */
    public static List<LogRecord> during(String logger, Action action) throws Exception {
        Logger log = Logger.getLogger(logger);
        List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        log.setUseParentHandlers(false);
        try {
            action.run();
        } finally {
            log.removeHandler(handler);
            log.setUseParentHandlers(true);
        }
        return logged;
    }
}
