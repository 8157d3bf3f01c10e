package io.gmerecording.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body on the HTTP client's own thread, up to a cap: a declared Content-Length above the cap is
 * refused before any byte is read, and a body that grows past it is cut off by cancelling the subscription.
 * Reading on the client's thread, rather than through an InputStream, saves a thread hand-off per request. A body
 * that has not finished within the timeout is abandoned with an {@link HttpTimeoutException} by the query's
 * {@link BodyDeadlines}. One handler per request.
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

    private final int cap;
    private final long deadlineNanos;
    private final Duration timeout;
    private final BodyDeadlines deadlines;

    BoundedBody(int cap, Duration timeout, BodyDeadlines deadlines) {
        this.cap = cap;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.deadlines = deadlines;
    }

    @Override
    public HttpResponse.BodySubscriber<Result> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > cap) {
            return HttpResponse.BodySubscribers.replacing(new Result(null, declared + " bytes declared"));
        }
        return new Collector(declared > 0 ? (int) declared : 1024);
    }

    private final class Collector implements HttpResponse.BodySubscriber<Result>, BodyDeadlines.Watched {
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
            deadlines.watch(this);
            result.whenComplete((done, failed) -> deadlines.unwatch(this));
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public void expire() {
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
