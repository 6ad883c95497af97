package io.lantian.dispatch.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lantian.common.events.ProposalEvent;
import io.lantian.common.events.StationAlertEvent;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.events.WarningEvent;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topic;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.dispatch.delivery.StandardWebhooksVerifier;
import io.lantian.dispatch.delivery.WebhookSecret;
import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;
import io.lantian.dispatch.notify.RobotReceiver.Answer;
import io.lantian.dispatch.notify.RobotReceiver.Received;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Officer notices sent to real local receivers — WeCom and DingTalk robots and a webhook (HTTP servers on
 * 127.0.0.1), a mailbox (GreenMail's SMTP server) — on the real broker and PostgreSQL: each channel's request
 * format and signing, grouping per region and burst, the bound on lines, dedup, retries per channel, the kinds
 * filter, and the Kafka listeners that turn station alerts, proposals and warnings into notices.
 * <p>
 * Every channel wants only regions of this class (named per run), so other test contexts on the same
 * database neither take these notices nor get theirs sent here.
 */
@SpringBootTest(properties = {
        "spring.config.name=" + DispatchApplication.NAME,
        "lantian.dispatch.notify.poll-interval=100ms",
        "lantian.dispatch.notify.burst-window=" + OfficerNotificationsTest.BURST_MILLIS + "ms",
        "lantian.dispatch.notify.max-lines=5",
        "lantian.dispatch.notify.max-attempts=3",
        "lantian.dispatch.notify.initial-backoff=100ms",
        "lantian.dispatch.notify.max-backoff=300ms",
        "lantian.dispatch.notify.lease=30s",
        "lantian.dispatch.notify.mail-from=notify@lantian.test",
        // a group of this class's own, so the events it publishes are read by this context (and land in its database)
        "lantian.dispatch.notify.consumer-group=response-dispatch.notices-test"})
class OfficerNotificationsTest {

    static final long BURST_MILLIS = 1500;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String WECOM = "nt-wecom-" + RUN;
    static final String GROUPED = "nt-group-" + RUN;
    static final String GROUPED_OTHER = "nt-group2-" + RUN;
    static final String FULL = "nt-full-" + RUN;
    static final String DEDUP = "nt-dedup-" + RUN;
    static final String KAFKA = "nt-kafka-" + RUN;
    static final String DING = "nt-ding-" + RUN;
    static final String MAIL = "nt-mail-" + RUN;
    static final String HOOK = "nt-hook-" + RUN;
    static final String RETRY = "nt-retry-" + RUN;
    static final String KINDS = "nt-kinds-" + RUN;
    static final String TOWNSHIP = "麻屯镇";
    static final String WECOM_KEY = UUID.randomUUID().toString();
    static final String DING_TOKEN = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    static final String DING_SECRET = "SEC" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    static final String HOOK_SECRET = WebhookSecret.generate();
    static final String DUTY_MAIL = "duty@lantian.test";

    static final RobotReceiver robots = new RobotReceiver();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("lantian.dispatch.notify.region-names." + WECOM, () -> "测试区");
        channel(registry, 0, "duty-wecom", "WECOM", robots.url("/wecom?key=" + WECOM_KEY), null,
                List.of(WECOM, GROUPED, GROUPED_OTHER, FULL, DEDUP, KAFKA));
        channel(registry, 1, "duty-dingtalk", "DINGTALK", robots.url("/dingtalk?access_token=" + DING_TOKEN), DING_SECRET,
                List.of(DING));
        channel(registry, 2, "duty-mail", "EMAIL", null, null, List.of(MAIL));
        registry.add("lantian.dispatch.notify.channels[2].to[0]", () -> DUTY_MAIL);
        channel(registry, 3, "township-hook", "WEBHOOK", robots.url("/hook"), HOOK_SECRET, List.of(HOOK));
        registry.add("lantian.dispatch.notify.channels[3].audience", () -> "TOWNSHIP_OFFICER");
        registry.add("lantian.dispatch.notify.channels[3].townships[0]", () -> TOWNSHIP);
        channel(registry, 4, "retry-good", "WECOM", robots.url("/good?key=k1"), null, List.of(RETRY));
        channel(registry, 5, "retry-flaky", "WECOM", robots.url("/flaky?key=k2"), null, List.of(RETRY));
        channel(registry, 6, "retry-broken", "DINGTALK", robots.url("/broken?access_token=t3"), null, List.of(RETRY));
        channel(registry, 7, "escalations-only", "WECOM", robots.url("/escalations?key=k4"), null, List.of(KINDS));
        registry.add("lantian.dispatch.notify.channels[7].kinds[0]", () -> "ESCALATION");
    }

    static void channel(DynamicPropertyRegistry registry, int i, String name, String type, String url, String secret,
                        List<String> regions) {
        String prefix = "lantian.dispatch.notify.channels[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "type", () -> type);
        if (url != null) {
            registry.add(prefix + "url", () -> url);
        }
        if (secret != null) {
            registry.add(prefix + "secret", () -> secret);
        }
        for (int r = 0; r < regions.size(); r++) {
            String region = regions.get(r);
            registry.add(prefix + "regions[" + r + "]", () -> region);
        }
    }

    @AfterAll
    static void stopReceivers() {
        robots.close();
        smtp.stop();
    }

    @Autowired
    Notices notices;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;

    /** Adds the notices in one transaction. @return whether each was new */
    List<Boolean> add(Notice... added) {
        return tx.execute(status -> List.of(added).stream().map(notices::add).toList());
    }

    static Notice duty(NoticeKind kind, String region, String text) {
        return new Notice(kind, Audience.DUTY_OFFICER, region, null, kind + ":" + UUID.randomUUID(), text);
    }

    String sendState(String region, String channel) {
        return jdbc.sql("""
                        select s.state from officer_message_send s join officer_message m on m.message_id = s.message_id
                        where m.region_id = ? and s.channel = ?""")
                .params(region, channel).query(String.class).optional().orElse("none");
    }

    int sendAttempts(String region, String channel) {
        return jdbc.sql("""
                        select s.attempts from officer_message_send s join officer_message m on m.message_id = s.message_id
                        where m.region_id = ? and s.channel = ?""")
                .params(region, channel).query(Integer.class).single();
    }

    int messages(String region) {
        return jdbc.sql("select count(*) from officer_message where region_id = ?").param(region).query(Integer.class).single();
    }

    double counted(String type, String result) {
        var counter = meters.find(NotificationMetrics.NAME).tag("channel_type", type).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aWeComRobotGetsOneMarkdownMessageWithATitleCountingTheKinds() {
        add(duty(NoticeKind.ESCALATION, WECOM, "减排令 #1 未确认，已提醒企业（第 1 步）"),
                duty(NoticeKind.STATION_ALERT, WECOM, "站点 4103 PM2_5 180 μg/m³（限值 150）"));

        await().atMost(WAIT).until(() -> robots.at("/wecom", "测试区").size() == 1);
        Received request = robots.at("/wecom", "测试区").get(0);
        assertThat(request.query()).containsEntry("key", WECOM_KEY);
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        JsonNode body = request.json();
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        String content = body.get("markdown").get("content").asString();
        assertThat(content).startsWith("**【蓝天】测试区 2 条待办: 1 个升级, 1 个站点高值预警**\n")
                .contains("[升级] 减排令 #1 未确认，已提醒企业（第 1 步）")
                .contains("[站点高值预警] 站点 4103 PM2_5 180 μg/m³（限值 150）");
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        await().atMost(WAIT).until(() -> sendState(WECOM, "duty-wecom").equals("SENT"));
        assertThat(sendAttempts(WECOM, "duty-wecom")).isEqualTo(1);
        assertThat(counted("wecom", "sent")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDingTalkRobotUrlCarriesATimestampAndTheSignatureDingTalkComputes() throws Exception {
        add(duty(NoticeKind.ESCALATION, DING, "减排令 #2 两次提醒未确认，请值班员处理"));

        await().atMost(WAIT).until(() -> robots.at("/dingtalk").size() == 1);
        Received request = robots.at("/dingtalk").get(0);
        assertThat(request.query()).containsOnlyKeys("access_token", "timestamp", "sign");
        assertThat(request.query().get("access_token")).isEqualTo(DING_TOKEN);
        long timestamp = Long.parseLong(request.query().get("timestamp"));
        assertThat(Math.abs(System.currentTimeMillis() - timestamp)).as("milliseconds, within DingTalk's hour")
                .isLessThan(Duration.ofMinutes(1).toMillis());
        // DingTalk's check, written out: base64(HmacSHA256(key = secret, timestamp + "\n" + secret))
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\n" + DING_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.query().get("sign")).as("the URL-decoded sign").isEqualTo(expected);

        JsonNode body = request.json();
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asString()).isEqualTo("【蓝天】" + DING + " 1 条待办: 1 个升级");
        assertThat(body.get("markdown").get("text").asString())
                .startsWith("#### 【蓝天】" + DING + " 1 条待办: 1 个升级\n")
                .contains("[升级] 减排令 #2 两次提醒未确认，请值班员处理");
        await().atMost(WAIT).until(() -> sendState(DING, "duty-dingtalk").equals("SENT"));
    }

    @Test
    void anEmailChannelSendsOnePlainTextUtf8MailOverSmtp() throws Exception {
        add(duty(NoticeKind.NON_COMPLIANCE, MAIL, "某耐材企业限产期间用电未下降（基线 1200 kWh，实际 1180 kWh）"),
                duty(NoticeKind.UNDELIVERABLE, MAIL, "减排令 #3 推送失败 8 次"));

        await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length >= 1
                && List.of(smtp.getReceivedMessages()).stream().anyMatch(m -> subject(m).contains(MAIL)));
        MimeMessage mail = List.of(smtp.getReceivedMessages()).stream().filter(m -> subject(m).contains(MAIL)).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("【蓝天】" + MAIL + " 2 条待办: 1 个无法送达, 1 个疑似未落实减排");
        assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(DUTY_MAIL);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("notify@lantian.test");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        String text = (String) mail.getContent();
        assertThat(text).startsWith("【蓝天】" + MAIL + " 2 条待办")
                .contains("[疑似未落实减排] 某耐材企业限产期间用电未下降（基线 1200 kWh，实际 1180 kWh）")
                .contains("[无法送达] 减排令 #3 推送失败 8 次");
        await().atMost(WAIT).until(() -> sendState(MAIL, "duty-mail").equals("SENT"));
        assertThat(smtp.getReceivedMessages()).filteredOn(m -> subject(m).contains(MAIL)).hasSize(1);
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            return GreenMailUtil.getHeaders(mail);
        }
    }

    @Test
    void aWebhookGetsTheNoticesOfATownshipAsSignedJson() {
        add(new Notice(NoticeKind.ESCALATION, Audience.TOWNSHIP_OFFICER, HOOK, TOWNSHIP, "esc:" + UUID.randomUUID(),
                "麻屯镇 某铸造企业 减排令未确认，请到现场督导"));

        await().atMost(WAIT).until(() -> robots.at("/hook").size() == 1);
        Received request = robots.at("/hook").get(0);
        assertThat(StandardWebhooksVerifier.verify(HOOK_SECRET, request.headers(), request.body(), Instant.now()))
                .as("Standard Webhooks signature").isTrue();
        long messageId = jdbc.sql("select message_id from officer_message where region_id = ?").param(HOOK).query(Long.class).single();
        assertThat(request.headers().get("webhook-id")).isEqualTo("officer-message-" + messageId);
        JsonNode body = request.json();
        assertThat(body.get("type").asString()).isEqualTo("lantian.notices");
        assertThat(body.get("audience").asString()).isEqualTo("TOWNSHIP_OFFICER");
        assertThat(body.get("regionId").asString()).isEqualTo(HOOK);
        assertThat(body.get("township").asString()).isEqualTo(TOWNSHIP);
        assertThat(body.get("title").asString()).isEqualTo("【蓝天】" + HOOK + TOWNSHIP + " 1 条待办: 1 个升级");
        JsonNode notice = body.get("notices").get(0);
        assertThat(notice.get("kind").asString()).isEqualTo("ESCALATION");
        assertThat(notice.get("text").asString()).isEqualTo("麻屯镇 某铸造企业 减排令未确认，请到现场督导");
        assertThat(Instant.parse(notice.get("createdAt").asString())).isBefore(Instant.now());
    }

    @Test
    void noticesOfOneRegionWithinABurstGoOutAsOneMessageAndAnotherRegionGetsItsOwn() {
        add(duty(NoticeKind.ESCALATION, GROUPED, "分组 第一条"));
        add(duty(NoticeKind.ESCALATION, GROUPED_OTHER, "另一区域 唯一一条"));
        add(duty(NoticeKind.STATION_ALERT, GROUPED, "分组 第二条"));
        add(duty(NoticeKind.ESCALATION, GROUPED, "分组 第三条"));

        await().atMost(WAIT).until(() -> robots.at("/wecom", GROUPED + " ").size() == 1
                && robots.at("/wecom", GROUPED_OTHER).size() == 1);
        String content = robots.at("/wecom", GROUPED + " ").get(0).json().get("markdown").get("content").asString();
        assertThat(content).contains("【蓝天】" + GROUPED + " 3 条待办: 2 个升级, 1 个站点高值预警")
                .contains("分组 第一条", "分组 第二条", "分组 第三条").doesNotContain("另一区域");
        assertThat(robots.at("/wecom", GROUPED_OTHER).get(0).text()).contains("另一区域 唯一一条").doesNotContain("分组");
        assertThat(messages(GROUPED)).isEqualTo(1);
        assertThat(messages(GROUPED_OTHER)).isEqualTo(1);
        Map<String, Object> timing = jdbc.sql("""
                        select m.created_at as grouped, min(n.created_at) as oldest from officer_message m
                        join officer_notice n on n.message_id = m.message_id where m.region_id = ? group by m.created_at""")
                .param(GROUPED).query().singleRow();
        Duration waited = Duration.between(((Timestamp) timing.get("oldest")).toInstant(), ((Timestamp) timing.get("grouped")).toInstant());
        assertThat(waited).as("the group waited out the burst window for siblings").isGreaterThanOrEqualTo(Duration.ofMillis(BURST_MILLIS));
    }

    @Test
    void aFullGroupGoesOutAtOnceListingMaxLinesAndHowManyMore() {
        Notice[] seven = new Notice[7];
        for (int i = 0; i < seven.length; i++) {
            seven[i] = duty(NoticeKind.ESCALATION, FULL, "满组 第 " + (i + 1) + " 条");
        }
        add(seven);

        await().atMost(WAIT).until(() -> robots.at("/wecom", FULL).size() == 1);
        String content = robots.at("/wecom", FULL).get(0).json().get("markdown").get("content").asString();
        assertThat(content).contains("【蓝天】" + FULL + " 7 条待办: 7 个升级")
                .contains("满组 第 1 条", "满组 第 5 条").doesNotContain("满组 第 6 条")
                .endsWith("… 另有 2 条\n");
        assertThat(jdbc.sql("select count(*) from officer_notice where region_id = ? and message_id is not null")
                .param(FULL).query(Integer.class).single()).as("all seven went out in it").isEqualTo(7);
        Map<String, Object> timing = jdbc.sql("""
                        select m.created_at as grouped, min(n.created_at) as oldest from officer_message m
                        join officer_notice n on n.message_id = m.message_id where m.region_id = ? group by m.created_at""")
                .param(FULL).query().singleRow();
        Duration waited = Duration.between(((Timestamp) timing.get("oldest")).toInstant(), ((Timestamp) timing.get("grouped")).toInstant());
        assertThat(waited).as("max-lines reached: no burst wait").isLessThan(Duration.ofMillis(BURST_MILLIS));
    }

    @Test
    void aDedupKeySeenBeforeAddsNoLine() {
        String key = "escalation:" + UUID.randomUUID() + ":r1:2";
        Notice first = new Notice(NoticeKind.ESCALATION, Audience.DUTY_OFFICER, DEDUP, null, key, "去重 原始通知");
        Notice again = new Notice(NoticeKind.ESCALATION, Audience.DUTY_OFFICER, DEDUP, null, key, "去重 重复投递");

        assertThat(add(first)).containsExactly(true);
        assertThat(add(again, duty(NoticeKind.WARNING, DEDUP, "去重 另一条"))).containsExactly(false, true);

        await().atMost(WAIT).until(() -> robots.at("/wecom", DEDUP).size() == 1);
        assertThat(robots.at("/wecom", DEDUP).get(0).text()).contains("2 条待办", "去重 原始通知", "去重 另一条")
                .doesNotContain("去重 重复投递");
    }

    @Test
    void aFailingChannelIsRetriedWithBackOffWhileTheChannelsThatTookTheMessageAreNotSentItAgain() {
        AtomicInteger flakyCalls = new AtomicInteger();
        robots.answering("/flaky", r -> flakyCalls.incrementAndGet() <= 2
                ? new Answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}") : RobotReceiver.OK);
        robots.answering("/broken", r -> new Answer(500, "upstream down"));
        add(duty(NoticeKind.ESCALATION, RETRY, "重试 一条通知"));

        await().atMost(WAIT).until(() -> sendState(RETRY, "retry-broken").equals("FAILED")
                && sendState(RETRY, "retry-flaky").equals("SENT") && sendState(RETRY, "retry-good").equals("SENT"));
        assertThat(robots.at("/good")).as("taken at once, never sent again").hasSize(1);
        assertThat(robots.at("/flaky")).as("two refusals, then taken").hasSize(3);
        assertThat(robots.at("/broken")).as("max-attempts").hasSize(3);
        assertThat(sendAttempts(RETRY, "retry-good")).isEqualTo(1);
        assertThat(sendAttempts(RETRY, "retry-flaky")).isEqualTo(3);
        assertThat(jdbc.sql("""
                        select s.last_error from officer_message_send s join officer_message m on m.message_id = s.message_id
                        where m.region_id = ? and s.channel = ?""").params(RETRY, "retry-broken")
                .query(String.class).single()).isEqualTo("HTTP 500: upstream down");
        assertThat(jdbc.sql("""
                        select s.last_error from officer_message_send s join officer_message m on m.message_id = s.message_id
                        where m.region_id = ? and s.channel = ?""").params(RETRY, "retry-flaky")
                .query(String.class).single()).isEqualTo("errcode 45009: api freq out of limit");
        List<Instant> flakyTimes = robots.at("/flaky").stream().map(Received::at).toList();
        assertThat(Duration.between(flakyTimes.get(0), flakyTimes.get(1))).as("backed off")
                .isGreaterThanOrEqualTo(Duration.ofMillis(70));
        assertThat(counted("dingtalk", "failed")).isGreaterThanOrEqualTo(1);
        assertThat(counted("wecom", "retry")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aChannelWithAKindsFilterGetsOnlyThoseLinesAndNoticesNobodyWantsStayPending() {
        Notice warning = duty(NoticeKind.WARNING, KINDS, "类型 预警通知");
        add(duty(NoticeKind.ESCALATION, KINDS, "类型 升级通知"), warning);

        await().atMost(WAIT).until(() -> robots.at("/escalations", KINDS).size() == 1);
        assertThat(robots.at("/escalations", KINDS).get(0).json().get("markdown").get("content").asString())
                .contains("【蓝天】" + KINDS + " 1 条待办: 1 个升级", "类型 升级通知").doesNotContain("类型 预警通知");
        assertThat(jdbc.sql("select sent_at is null from officer_notice where dedup_key = ?").param(warning.dedupKey())
                .query(Boolean.class).single()).as("no channel wants it").isTrue();
    }

    @Test
    void stationAlertsProposalsAndWarningsFromKafkaBecomeNoticesOnceEach() {
        String alertId = "alert-" + UUID.randomUUID();
        String station = "st-" + RUN;
        StationAlertEvent.Evidence evidence = new StationAlertEvent.Evidence(182.4, "μg/m³", 150, "PM2.5 182.4 > 150",
                150.0, null, List.of(), null, List.of());
        StationAlertEvent raised = new StationAlertEvent(alertId, 1, station, KAFKA, StationClass.NATIONAL,
                StationAlertEvent.Rule.THRESHOLD, Pollutant.PM2_5, StationAlertEvent.Status.RAISED, Instant.now(),
                Instant.now(), evidence, null, Instant.now());
        StationAlertEvent suppressed = new StationAlertEvent(alertId, 2, station, KAFKA, StationClass.NATIONAL,
                StationAlertEvent.Rule.THRESHOLD, Pollutant.PM2_5, StationAlertEvent.Status.SUPPRESSED, Instant.now(),
                Instant.now(), evidence, "warning in force", Instant.now());
        StationAlertEvent raisedAgain = new StationAlertEvent(alertId, 3, station, KAFKA, StationClass.NATIONAL,
                StationAlertEvent.Rule.THRESHOLD, Pollutant.PM2_5, StationAlertEvent.Status.RAISED, Instant.now(),
                Instant.now(), evidence, null, Instant.now());
        String proposalId = "proposal-" + UUID.randomUUID();
        String warningId = "warning-" + UUID.randomUUID();
        publish(Topics.STATION_ALERTS, station, raised);
        publish(Topics.STATION_ALERTS, station, raised); // redelivered
        publish(Topics.STATION_ALERTS, station, suppressed);
        publish(Topics.STATION_ALERTS, station, raisedAgain);
        publish(Topics.PROPOSALS, KAFKA, proposal(proposalId, ProposalEvent.Step.OPENED, "ORANGE"));
        publish(Topics.PROPOSALS, KAFKA, proposal(proposalId, ProposalEvent.Step.UPDATED, "ORANGE"));
        publish(Topics.PROPOSALS, KAFKA, proposal(proposalId, ProposalEvent.Step.APPROVED, "ORANGE"));
        publish(Topics.PROPOSALS, KAFKA, proposal(proposalId, ProposalEvent.Step.UPDATED, "RED"));
        publish(Topics.WARNINGS, KAFKA, warning(warningId, 1, WarningEvent.Action.ISSUED, WarningLevel.ORANGE));
        publish(Topics.WARNINGS, KAFKA, warning(warningId, 1, WarningEvent.Action.ISSUED, WarningLevel.ORANGE));
        publish(Topics.WARNINGS, KAFKA, warning(warningId, 2, WarningEvent.Action.CHANGED, WarningLevel.RED));

        // the last event of each topic (one key each, so one partition, in order) makes a notice: once all three
        // are there, everything published before them was handled
        String red = "proposal:" + proposalId + ":ISSUE:RED";
        await().atMost(WAIT).until(() -> noticeKeys().containsAll(List.of("station-alert:" + alertId + ":r3", red,
                "warning:" + warningId + ":r2")));
        assertThat(noticeKeys()).containsExactlyInAnyOrder("station-alert:" + alertId + ":r1", "station-alert:" + alertId + ":r3",
                "proposal:" + proposalId + ":ISSUE:ORANGE", red, "warning:" + warningId + ":r1", "warning:" + warningId + ":r2");
        assertThat(noticeText("station-alert:" + alertId + ":r1"))
                .isEqualTo("站点 " + station + " PM2_5 182.4 μg/m³（限值 150），规则 超阈值：PM2.5 182.4 > 150");
        assertThat(noticeText("proposal:" + proposalId + ":ISSUE:ORANGE")).isEqualTo("新会商提议：发布橙色预警（PM2.5 日均预计 160），请决策");
        assertThat(noticeText(red)).isEqualTo("会商提议更新：发布红色预警（PM2.5 日均预计 160），请决策");
        assertThat(noticeText("warning:" + warningId + ":r2")).isEqualTo("红色预警已调整（第 2 版）：会商决定");
        assertThat(jdbc.sql("select distinct kind || '/' || audience from officer_notice where region_id = ?").param(KAFKA)
                .query(String.class).list()).containsExactlyInAnyOrder("STATION_ALERT/DUTY_OFFICER", "PROPOSAL/DUTY_OFFICER",
                "WARNING/DUTY_OFFICER");

        // the duty officers' robot gets them all (in one message or more, as the burst fell)
        await().atMost(WAIT).until(() -> robots.at("/wecom", KAFKA).stream().mapToInt(OfficerNotificationsTest::count).sum() == 6);
        assertThat(robots.at("/wecom", KAFKA)).hasSize(messages(KAFKA));
        assertThat(String.join("\n", robots.at("/wecom", KAFKA).stream().map(Received::text).toList()))
                .contains("[站点高值预警] 站点 " + station, "[会商提议] 新会商提议：发布橙色预警");
    }

    static final Pattern TITLE_COUNT = Pattern.compile(" (\\d+) 条待办");

    /** The "N 条待办" of a robot message's title. */
    static int count(Received robotRequest) {
        var matcher = TITLE_COUNT.matcher(robotRequest.json().get("markdown").get("content").asString());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    <V> void publish(Topic<String, V> topic, String key, V event) {
        publisher.publish(topic, key, event).join(); // one after the other: their order is part of the test
    }

    static ProposalEvent proposal(String id, ProposalEvent.Step step, String level) {
        return new ProposalEvent(id, KAFKA, ProposalEvent.Kind.ISSUE, step, level, "PM25_FORECAST", "PM2.5 日均预计 160",
                step == ProposalEvent.Step.APPROVED ? "officer-zhang" : "rules", null, Instant.now());
    }

    static WarningEvent warning(String id, int revision, WarningEvent.Action action, WarningLevel level) {
        return new WarningEvent(id, revision, KAFKA, action, level, Instant.now(), "会商决定", "officer-zhang", Instant.now());
    }

    List<String> noticeKeys() {
        return jdbc.sql("select dedup_key from officer_notice where region_id = ?").param(KAFKA).query(String.class).list();
    }

    String noticeText(String key) {
        return jdbc.sql("select text from officer_notice where dedup_key = ?").param(key).query(String.class).single();
    }
}
