package io.lantian.common.csv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLineTest {

    @Test
    void splitsQuotedFields() {
        assertThat(CsvLine.split("a,\"b, c\",\"say \"\"hi\"\"\", d ")).containsExactly("a", "b, c", "say \"hi\"", "d");
        assertThat(CsvLine.split("a,,")).containsExactly("a", "", "");
        assertThatThrownBy(() -> CsvLine.split("a,\"open")).isInstanceOf(IllegalArgumentException.class);
    }
}
