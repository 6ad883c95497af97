package io.lantian.ingest.hj212;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one monitored item (one pollutant code) in CP: {@code a34004-Avg=168,a34004-Flag=N}.
 *
 * @param code   as sent, e.g. {@code a34004}
 * @param fields suffix in lower case ({@code rtd}, {@code avg}, {@code flag}, …) → value as sent
 */
public record Hj212Item(String code, Map<String, String> fields) {

    public Hj212Item {
        fields = Map.copyOf(fields);
    }

    /** A field by suffix, ignoring case ({@code -Flag} and {@code -flag} both occur in the field). */
    public Optional<String> field(String suffix) {
        return Optional.ofNullable(fields.get(suffix.toLowerCase(Locale.ROOT)));
    }
}
