package io.gmerecording.cli;

/**
 * Before a one-shot command exits: a closed JDK {@code HttpClient} still has its selector thread waiting in native
 * code until the client is collected and the thread wakes, and the JVM's exit waits up to 0.3 s (30 polls of 10 ms)
 * for threads in native code. Java 21+ closes the client itself; on 17 the adapters drop their client on
 * close, and this makes the now unreachable client collectable and wakes its thread so it ends at once.
 */
final class ClosedHttpClients {

    private static final String SELECTOR_THREAD = "HttpClient-\\d+-SelectorManager";

    private ClosedHttpClients() {
    }

    static void release() {
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int count = Thread.enumerate(threads);
        boolean any = false;
        for (int i = 0; i < count; i++) {
            any |= threads[i].getName().matches(SELECTOR_THREAD);
        }
        if (!any) {
            return;
        }
        System.gc();
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread.getName().matches(SELECTOR_THREAD)) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
