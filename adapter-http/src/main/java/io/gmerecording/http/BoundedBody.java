package io.gmerecording.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body up to a cap, as bytes ({@code null} when refused for its size, with {@link #tooLarge()} saying
 * why). A declared Content-Length above the cap is refused before any byte is read; a declared one within it is read
 * by the JDK's own byte-array subscriber (HTTP/1.1 reads exactly that many bytes, and the client completes its own
 * subscribers without a thread hand-off); a body of no declared length is counted as it arrives and cut off past the
 * cap by cancelling the subscription. One handler per request.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

    private final int cap;
    private volatile String tooLarge;

    BoundedBody(int cap) {
        this.cap = cap;
    }

    /** Why the body was refused, or {@code null} when it was read. */
    String tooLarge() {
        return tooLarge;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > cap) {
            tooLarge = declared + " bytes declared";
            return HttpResponse.BodySubscribers.replacing(null);
        }
        if (declared >= 0) {
            return HttpResponse.BodySubscribers.ofByteArray();
        }
        return new Counted();
    }

    /** A body of no declared length: collected, and cancelled once it passes the cap. */
    private final class Counted implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private byte[] buffer = new byte[1024];
        private int size;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
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
                    tooLarge = "more than " + cap + " bytes";
                    result.complete(null);
                    return;
                }
                if (size + length > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(buffer.length * 2, size + length)));
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
            result.complete(Arrays.copyOf(buffer, size));
        }
    }
}
