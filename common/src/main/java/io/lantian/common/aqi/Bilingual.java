package io.lantian.common.aqi;

import java.util.Objects;

/** A text in Chinese and English: the bureau publishes in Chinese, exports and comparisons need English. */
public record Bilingual(String zh, String en) {

    public Bilingual {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }
}
