package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a grouped message reads, and that chat renderings stay within their bounds without breaking a character. */
class OfficerMessageTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final GroupKey MENGJIN = new GroupKey(Audience.DUTY_OFFICER, "mengjin", null);

    static OfficerMessage message(List<OfficerMessage.Line> lines) {
        return new OfficerMessage(7, MENGJIN, "孟津区", lines);
    }

    static OfficerMessage.Line line(NoticeKind kind, String text) {
        return new OfficerMessage.Line(1, kind, text, Instant.parse("2026-01-10T00:15:00Z"));
    }

    @Test
    void theTitleCountsTheLinesByKindInAFixedOrder() {
        OfficerMessage message = message(List.of(line(NoticeKind.STATION_ALERT, "a"), line(NoticeKind.ESCALATION, "b"),
                line(NoticeKind.ESCALATION, "c")));

        assertThat(message.title()).isEqualTo("【蓝天】孟津区 3 条待办: 2 个升级, 1 个站点高值预警");
        assertThat(message.weComMarkdown(CHINA, 20, 4096)).isEqualTo("""
                **【蓝天】孟津区 3 条待办: 2 个升级, 1 个站点高值预警**
                - 08:15 [站点高值预警] a
                - 08:15 [升级] b
                - 08:15 [升级] c
                """);
    }

    @Test
    void aChatMessageListsAtMostMaxLinesAndSaysHowManyMore() {
        List<OfficerMessage.Line> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add(line(NoticeKind.ESCALATION, "第 " + i + " 条"));
        }

        String text = message(lines).dingTalkMarkdown(CHINA, 20, 4096);

        assertThat(text).contains("第 20 条").doesNotContain("第 21 条").endsWith("… 另有 5 条\n");
    }

    @Test
    void aChatMessageStaysWithinItsBytesAndNeverCutsACharacterApart() {
        List<OfficerMessage.Line> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(line(NoticeKind.NON_COMPLIANCE, "企业用电未下降😷".repeat(60))); // 3- and 4-byte characters, cut at 300
        }

        String content = message(lines).weComMarkdown(CHINA, 20, 4096);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

        assertThat(bytes.length).isLessThanOrEqualTo(4096);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(content).doesNotContain("\uFFFD");
        assertThat(content).matches("(?s).*… 另有 \\d+ 条\n$");
        String firstLine = content.lines().skip(1).findFirst().orElseThrow();
        assertThat(firstLine.codePointCount(0, firstLine.length())).isLessThan(330);
        assertThat(firstLine).endsWith("…");
    }

    @Test
    void oneHugeLineIsCutToFitRatherThanLeftOut() {
        String content = message(List.of(line(NoticeKind.WARNING, "很长".repeat(3000)))).weComMarkdown(CHINA, 20, 200);

        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(content).contains("[预警] 很长").doesNotContain("另有");
    }

    @Test
    void aChannelSeesOnlyTheKindsItWants() {
        NotifyChannel escalations = new NotifyChannel("esc", ChannelType.WECOM, "https://robot.example/send?key=k", null,
                null, null, null, null, Set.of(NoticeKind.ESCALATION));
        OfficerMessage message = message(List.of(line(NoticeKind.WARNING, "w"), line(NoticeKind.ESCALATION, "e")));

        assertThat(message.forChannel(escalations).title()).isEqualTo("【蓝天】孟津区 1 条待办: 1 个升级");
    }

    @Test
    void aChannelNeverShowsItsUrlOrSecret() {
        NotifyChannel robot = new NotifyChannel("duty", ChannelType.DINGTALK,
                "https://oapi.dingtalk.com/robot/send?access_token=s3cr3t-token", "SECs3cr3t", null, null, null, null, null);

        assertThat(robot.toString()).doesNotContain("s3cr3t").contains("https://oapi.dingtalk.com/…");
    }
}
