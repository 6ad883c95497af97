package io.lantian.dispatch.report;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.list.ListedEnterprise;
import io.lantian.dispatch.list.ReductionListStore;
import io.lantian.platform.problem.ApiProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the report of one warning from its orders, their history and the reduction list in force. */
@Service
class WarningReports {

    /** The orders of a warning and the moment they were read. */
    record Snapshot(UUID warningId, Instant at, List<ReportRow> rows) {
    }

    private final ReportStore store;
    private final ReductionListStore list;

    WarningReports(ReportStore store, ReductionListStore list) {
        this.store = store;
        this.list = list;
    }

    /** @throws ApiProblem 404 when the warning has no orders (unknown here) */
    @Transactional(readOnly = true)
    Snapshot orders(UUID warningId) {
        List<ReportRow> rows = store.ofWarning(warningId);
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("no orders for warning " + warningId);
        }
        return new Snapshot(warningId, Instant.now().truncatedTo(ChronoUnit.MILLIS), rows);
    }

    @Transactional(readOnly = true)
    WarningReport report(UUID warningId) {
        Snapshot snapshot = orders(warningId);
        List<ReportRow> rows = snapshot.rows();
        Instant now = snapshot.at();
        ReportRow current = rows.stream().max(Comparator.comparingInt(ReportRow::revision)).orElseThrow();

        Map<OrderStatus, Integer> byStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            byStatus.put(status, 0);
        }
        rows.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        Map<String, Integer> byGrade = rows.stream()
                .collect(Collectors.toMap(ReportRow::grade, r -> 1, Integer::sum, TreeMap::new));

        AckLatency.Distribution latency = AckLatency.of(rows.stream().map(ReportRow::ackLatency).flatMap(Optional::stream).toList());

        List<WarningReport.NotAcknowledged> notAcknowledged = rows.stream().filter(ReportRow::unacknowledged)
                .map(r -> new WarningReport.NotAcknowledged(r.orderId(), r.enterpriseId(), r.name(), r.township(),
                        r.status(), r.issuedAt(), r.issuedAt() == null ? 0 : Duration.between(r.issuedAt(), now).toMinutes(),
                        r.ackDeadline(), r.deadlinePassed(now), r.cannotComplyCode(), r.cannotComplyReason()))
                .toList();
        List<WarningReport.NonCompliant> nonCompliant = rows.stream().filter(ReportRow::nonCompliant)
                .map(r -> new WarningReport.NonCompliant(r.orderId(), r.enterpriseId(), r.name(), r.township(), r.status(),
                        r.nonCompliantRevision(), r.nonCompliantAt(), r.nonCompliantNote()))
                .toList();

        return new WarningReport(warningId.toString(), current.regionId(), current.level(), current.revision(), now,
                rows.size(), byStatus, byGrade, latency, notAcknowledged, nonCompliant, reduction(current, rows));
    }

    private ReductionCheck.Reduction reduction(ReportRow current, List<ReportRow> rows) {
        Map<String, ListedEnterprise> listed = list.inRegion(current.regionId()).stream()
                .collect(Collectors.toMap(ListedEnterprise::enterpriseId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Set<String> ordered = rows.stream().map(ReportRow::enterpriseId).collect(Collectors.toSet());
        List<ListedEnterprise> onList = listed.values().stream().filter(e -> ordered.contains(e.enterpriseId())).toList();
        List<ReductionCheck.Withheld> withheld = rows.stream()
                .filter(r -> r.nonCompliant() || r.status() == OrderStatus.CANNOT_COMPLY)
                .map(r -> new ReductionCheck.Withheld(r.enterpriseId(), r.name(), r.nonCompliant()
                        ? ReductionCheck.WithheldReason.NON_COMPLIANT : ReductionCheck.WithheldReason.CANNOT_COMPLY))
                .toList();
        return ReductionCheck.of(current.level(), onList, ordered.size() - onList.size(), withheld);
    }
}
