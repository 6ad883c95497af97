package io.lantian.dispatch.delivery;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body but keeps only its beginning: the log needs an excerpt, and a receiver must not be
 * able to fill this service's memory with a large answer. The rest is read and dropped (the time limit
 * bounds how long that takes).
 */
final class ExcerptBody implements BodySubscriber<String> {

    private final int maxChars;
    private final int maxBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();

    private ExcerptBody(int maxChars) {
        this.maxChars = maxChars;
        this.maxBytes = maxChars * 4; // UTF-8: at most 4 bytes a character
    }

    static BodyHandler<String> handler(int maxChars) {
        return info -> new ExcerptBody(maxChars);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int room = maxBytes - kept.size();
            if (room <= 0) {
                return;
            }
            byte[] bytes = new byte[Math.min(room, buffer.remaining())];
            buffer.get(bytes);
            kept.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        // a character cut at the byte limit decodes as U+FFFD; the excerpt is for people, that is fine
        String text = new String(kept.toByteArray(), StandardCharsets.UTF_8);
        result.complete(text.length() > maxChars ? text.substring(0, maxChars) : text);
    }
}
