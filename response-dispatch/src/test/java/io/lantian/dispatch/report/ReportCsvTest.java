package io.lantian.dispatch.report;

import io.lantian.common.csv.CsvLine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBeAndReadBackUnchanged() {
        List<String> fields = List.of("plain", "a, b", "say \"hi\"", "", "中文，全角逗号");

        String line = String.join(",", fields.stream().map(ReportCsv::quoted).toList());

        assertThat(line).isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",,中文，全角逗号");
        assertThat(CsvLine.split(line)).containsExactlyElementsOf(fields);
        assertThat(ReportCsv.quoted(" padded ")).as("blanks a reader would trim are kept in quotes").isEqualTo("\" padded \"");
        assertThat(ReportCsv.quoted("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(ReportCsv.quoted(null)).isEmpty();
    }

    @Test
    void outsideTextThatASpreadsheetWouldEvaluateIsDefused() {
        assertThat(ReportCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(ReportCsv.text("+1")).isEqualTo("'+1");
        assertThat(ReportCsv.text("-1")).isEqualTo("'-1");
        assertThat(ReportCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportCsv.text("隧道窑限产 30%")).isEqualTo("隧道窑限产 30%");
        assertThat(ReportCsv.text(null)).isNull();
    }
}
