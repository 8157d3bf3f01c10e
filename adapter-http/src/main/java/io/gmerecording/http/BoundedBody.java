package io.gmerecording.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects a response body on the HTTP client's own thread, up to a cap: a declared Content-Length above the cap is
 * refused before any byte is read, and a body that grows past it is cut off by cancelling the subscription.
 * Reading on the client's thread, rather than through an InputStream, saves a thread hand-off per request. A body
 * that has not finished within the timeout is abandoned with an {@link HttpTimeoutException}, found by a sweep every
 * {@value #SWEEP_MILLIS} ms: a timer per request would wake a thread per request. One handler per request.
 */
final class BoundedBody implements HttpResponse.BodyHandler<BoundedBody.Result> {

    /** The bytes read, or the size that made the body too large. */
    static final class Result {
        final byte[] bytes;
        final String tooLarge;

        private Result(byte[] bytes, String tooLarge) {
            this.bytes = bytes;
            this.tooLarge = tooLarge;
        }
    }

    static final long SWEEP_MILLIS = 50;
    private static final Set<BoundedBody.Collector> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gme-recording-body-deadline");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(BoundedBody::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final int cap;
    private final long deadlineNanos;
    private final Duration timeout;

    BoundedBody(int cap, Duration timeout) {
        this.cap = cap;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (Collector collector : IN_FLIGHT) {
            if (now - collector.deadlineNanos() > 0) {
                collector.expire();
            }
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Result> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > cap) {
            return HttpResponse.BodySubscribers.replacing(new Result(null, declared + " bytes declared"));
        }
        return new Collector(declared > 0 ? (int) declared : 1024);
    }

    private final class Collector implements HttpResponse.BodySubscriber<Result> {
        private final CompletableFuture<Result> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private byte[] buffer;
        private int size;

        Collector(int expected) {
            this.buffer = new byte[Math.min(expected, cap) + 1];
        }

        @Override
        public CompletionStage<Result> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            IN_FLIGHT.add(this);
            result.whenComplete((done, failed) -> IN_FLIGHT.remove(this));
            subscription.request(Long.MAX_VALUE);
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        void expire() {
            if (result.completeExceptionally(new HttpTimeoutException("the body did not finish within "
                    + timeout.toMillis() + " ms"))) {
                subscription.cancel();
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int length = item.remaining();
                if ((long) size + length > cap) {
                    subscription.cancel();
                    result.complete(new Result(null, "more than " + cap + " bytes"));
                    return;
                }
                if (size + length > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(cap + 1, Math.max(buffer.length * 2, size + length)));
                }
                item.get(buffer, size, length);
                size += length;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new Result(size == buffer.length ? buffer : Arrays.copyOf(buffer, size), null));
        }
    }
}
