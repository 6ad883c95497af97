package io.lantian.dispatch.report;

import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The report's domain logic — latency distribution, reduction check, CSV, what counts as acknowledged — stays plain Java. */
class ReportArchitectureTest {

    @Test
    void theReportDomainIsFreeOfSpring() {
        ServiceArchitecture.check("io.lantian.dispatch", AckLatency.class, ReductionCheck.class, ReportCsv.class,
                Unacknowledged.class, ReportRow.class, WarningReport.class);
    }
}
