package io.lantian.dispatch.notify;

import io.lantian.common.events.ProposalEvent;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.WarningEvent;
import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;

import java.util.Locale;
import java.util.Optional;

/**
 * Which events of other services duty officers hear about, in which words, and under which dedup key (so a
 * redelivered event never notifies twice):
 * <ul>
 *   <li>a station alert when it is RAISED (each raising revision: an alert raised again after a suppression
 *       is news), {@code station-alert:<alertId>:r<revision>};</li>
 *   <li>a proposal when it is OPENED or UPDATED, {@code proposal:<id>:<kind>:<level>} — an update that changes
 *       neither what is proposed nor the level says nothing new and does not notify again;</li>
 *   <li>every revision of a warning, {@code warning:<warningId>:r<revision>}.</li>
 * </ul>
 */
public final class EventNotices {

    private EventNotices() {
    }

    public static Optional<Notice> of(StationAlertEvent alert) {
        if (alert.status() != StationAlertEvent.Status.RAISED) {
            return Optional.empty();
        }
        StationAlertEvent.Evidence evidence = alert.evidence();
        String value = evidence == null ? "" : " " + number(evidence.value()) + " " + evidence.unit()
                + "（限值 " + number(evidence.limit()) + "）";
        String basis = evidence == null || evidence.basis() == null ? "" : "：" + evidence.basis();
        String text = "站点 " + alert.stationId() + " " + alert.pollutant() + value + "，规则 " + rule(alert.rule()) + basis;
        return Optional.of(new Notice(NoticeKind.STATION_ALERT, Audience.DUTY_OFFICER, alert.regionId(), null,
                "station-alert:" + alert.alertId() + ":r" + alert.revision(), text));
    }

    public static Optional<Notice> of(ProposalEvent proposal) {
        if (proposal.step() != ProposalEvent.Step.OPENED && proposal.step() != ProposalEvent.Step.UPDATED) {
            return Optional.empty();
        }
        String what = switch (proposal.kind()) {
            case ISSUE -> "发布" + level(proposal.level()) + "预警";
            case ADJUST -> "将预警调整为" + level(proposal.level());
            case LIFT -> "解除预警";
        };
        String text = (proposal.step() == ProposalEvent.Step.OPENED ? "新会商提议：" : "会商提议更新：") + what
                + (proposal.basis() == null || proposal.basis().isBlank() ? "" : "（" + proposal.basis() + "）") + "，请决策";
        return Optional.of(new Notice(NoticeKind.PROPOSAL, Audience.DUTY_OFFICER, proposal.regionId(), null,
                "proposal:" + proposal.proposalId() + ":" + proposal.kind() + ":" + proposal.level(), text));
    }

    public static Notice of(WarningEvent warning) {
        String action = switch (warning.action()) {
            case ISSUED -> "已发布";
            case CHANGED -> "已调整";
            case LIFTED -> "已解除";
            case CANCELLED -> "已取消";
        };
        String text = level(warning.level().name()) + "预警" + action + "（第 " + warning.revision() + " 版）"
                + (warning.basis() == null || warning.basis().isBlank() ? "" : "：" + warning.basis());
        return new Notice(NoticeKind.WARNING, Audience.DUTY_OFFICER, warning.regionId(), null,
                "warning:" + warning.warningId() + ":r" + warning.revision(), text);
    }

    static String level(String level) {
        if (level == null) {
            return "";
        }
        return switch (level) {
            case "HEALTH_ADVISORY" -> "健康提示";
            case "YELLOW" -> "黄色";
            case "ORANGE" -> "橙色";
            case "RED" -> "红色";
            default -> level;
        };
    }

    static String rule(StationAlertEvent.Rule rule) {
        return switch (rule) {
            case THRESHOLD -> "超阈值";
            case SUDDEN_RISE -> "突升";
            case ABOVE_REGION_MEDIAN -> "显著高于区域中位数";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
