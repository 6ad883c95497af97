package io.lantian.common.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180: comma-separated, fields may be double-quoted, a doubled quote
 * inside quotes is a quote). A quoted field spanning several lines is not supported: exports of monitoring
 * data never contain one, and reading line by line keeps imports streaming.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** @throws IllegalArgumentException on an unterminated quote */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
