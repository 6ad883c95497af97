package io.lantian.dispatch.delivery;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log keeps the beginning of an answer; the rest is read, so the connection can be used again. */
class ExcerptBodyTest {

    @Test
    void aLongAnswerIsCutToTheExcerptAndReadToItsEnd() throws Exception {
        ByteArrayInputStream body = new ByteArrayInputStream("a".repeat(10_000).getBytes(StandardCharsets.UTF_8));

        assertThat(ExcerptBody.read(body, 500)).isEqualTo("a".repeat(500));
        assertThat(body.available()).as("the rest was read and dropped").isZero();
    }

    @Test
    void charactersOfSeveralBytesCountAsCharacters() throws Exception {
        String text = "已收到减排指令，".repeat(100); // three bytes a character in UTF-8

        assertThat(ExcerptBody.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 20))
                .isEqualTo(text.substring(0, 20));
    }

    @Test
    void aShortAnswerIsKeptWholeAndNoBodyIsEmpty() throws Exception {
        assertThat(ExcerptBody.read(new ByteArrayInputStream("{\"received\":true}".getBytes(StandardCharsets.UTF_8)), 500))
                .isEqualTo("{\"received\":true}");
        assertThat(ExcerptBody.read(null, 500)).isEmpty();
    }
}
