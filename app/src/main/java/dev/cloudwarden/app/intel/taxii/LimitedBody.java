package dev.cloudwarden.app.intel.taxii;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body subscriber that keeps at most {@code max} bytes: a body announced or found to be larger is abandoned
 * (the subscription cancelled, so the connection is dropped) instead of buffered. A server returning an endless
 * body therefore costs at most {@code max} bytes of memory, and the request deadline bounds the time.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Thrown (as the cause of the failed response) when a body exceeds the limit. */
    static final class TooLarge extends java.io.IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final long max;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private LimitedBody(long max, long declared) {
        this.max = max;
        this.declared = declared;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long max) {
        return info -> new LimitedBody(max, info.headers().firstValueAsLong("content-length").orElse(-1));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > max) {
            s.cancel();
            result.completeExceptionally(new TooLarge("the response announces " + declared
                    + " bytes, over the limit of " + max));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (buffer.size() + (long) b.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge("the response is over the limit of " + max + " bytes"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
