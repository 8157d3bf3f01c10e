package io.gmerecording.credentials;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the credentials chain logs while an action runs, captured instead of printed. */
final class CapturedLog {

    private CapturedLog() {
    }

    static List<LogRecord> during(Runnable action) {
        Logger log = Logger.getLogger(CredentialsChain.class.getName());
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
