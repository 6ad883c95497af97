package io.lantian.dispatch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads an answer's body but keeps only its beginning: the log needs an excerpt, and a receiver must not be
 * able to fill this service's memory with a large answer. The rest is read and dropped, so the connection can
 * be kept alive (the time limit bounds how long that takes).
 */
final class ExcerptBody {

    private ExcerptBody() {
    }

    /** @return the first {@code maxChars} characters of the body (UTF-8); "" for no body */
    static String read(InputStream body, int maxChars) throws IOException {
        if (body == null) {
            return "";
        }
        byte[] kept = body.readNBytes(maxChars * 4); // UTF-8: at most 4 bytes a character
        body.transferTo(OutputStream.nullOutputStream());
        // a character cut at the byte limit decodes as U+FFFD; the excerpt is for people, that is fine
        String text = new String(kept, StandardCharsets.UTF_8);
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}
