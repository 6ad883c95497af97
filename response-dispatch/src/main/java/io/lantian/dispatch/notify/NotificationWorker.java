package io.lantian.dispatch.notify;

import io.lantian.dispatch.delivery.RetrySchedule;
import io.lantian.dispatch.notify.NotificationStore.Claimed;
import io.lantian.dispatch.notify.NotificationStore.State;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends officer notices. Every poll it (1) makes one message of each due group — one audience, region and
 * township whose oldest pending notice waited out the burst window, or that is full — in a short transaction
 * per group, and (2) claims due sends one at a time ({@code FOR UPDATE SKIP LOCKED}, with a lease), makes the
 * attempt outside any transaction and records its result: SENT, PENDING again after a back-off, or FAILED
 * after the last attempt. A send that succeeded is never claimed again, so a channel that took a message is
 * not sent it twice while another channel of the same message is retried. Claiming one send at a time lets
 * replicas share the work evenly.
 */
@Component
class NotificationWorker {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
    private static final int GROUPS_PER_POLL = 50;
    private static final int SENDS_PER_POLL = 50;

    private final NotificationStore store;
    private final TransactionTemplate tx;
    private final NotifyProperties properties;
    private final RetrySchedule schedule;
    private final Map<String, NotifyChannel> channels;
    private final List<String> channelNames;
    private final NotificationStore.Wanted wanted;
    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final NotificationMetrics metrics;
    private final String instance;

    NotificationWorker(NotificationStore store, TransactionTemplate tx, NotifyProperties properties,
                       List<ChannelSender> senderList, MailChannel mail, MeterRegistry meters) {
        this.store = store;
        this.tx = tx;
        this.properties = properties;
        this.schedule = properties.retrySchedule();
        this.channels = properties.channels().stream().collect(Collectors.toMap(NotifyChannel::name, c -> c));
        this.channelNames = List.copyOf(channels.keySet());
        this.wanted = NotificationStore.Wanted.by(properties.channels());
        senderList.forEach(sender -> senders.put(sender.type(), sender));
        this.metrics = new NotificationMetrics(meters);
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "#"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        if (properties.channels().stream().anyMatch(c -> c.type() == ChannelType.EMAIL) && !mail.available()) {
            throw new IllegalStateException("an EMAIL notification channel is configured but spring.mail.host is not set");
        }
        if (properties.channels().isEmpty()) {
            log.info("No officer notification channels configured (lantian.dispatch.notify.channels): notices are recorded, not sent");
        } else {
            properties.channels().forEach(c -> log.info("Officer notification channel {}: {} {} for {}{}{}{}", c.name(), c.type(),
                    c.type() == ChannelType.EMAIL ? c.to().size() + " address(es)" : c.endpoint(), c.audience(),
                    c.regions().isEmpty() ? "" : " in " + c.regions(), c.townships().isEmpty() ? "" : " townships " + c.townships(),
                    c.kinds().isEmpty() ? "" : " kinds " + c.kinds()));
        }
    }

    String instance() {
        return instance;
    }

    @Scheduled(fixedDelayString = "${lantian.dispatch.notify.poll-interval:1s}")
    void poll() {
        if (!properties.enabled() || channels.isEmpty()) {
            return;
        }
        try {
            groupDue();
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Notification poll failed; due notices and sends stay due: {}", e.toString());
        }
    }

    /** Makes the messages of the groups that are due. @return messages made */
    int groupDue() {
        int made = 0;
        for (GroupKey group : store.dueGroups(wanted, properties.burstWindow(), properties.maxLines(), properties.maxAge(),
                GROUPS_PER_POLL)) {
            Function<List<OfficerMessage.Line>, String> title = lines -> new OfficerMessage(0, group, place(group), lines).title();
            Optional<Long> message = tx.execute(status -> store.group(group, wanted, properties.burstWindow(),
                    properties.maxLines(), properties.maxAge(), instance, title, properties.channels()));
            if (message != null && message.isPresent()) {
                made++;
                log.debug("Grouped message {} for {}", message.get(), group);
            }
        }
        return made;
    }

    /** Claims and makes due sends one by one. @return attempts made */
    int sendDue() {
        int attempts = 0;
        while (attempts < SENDS_PER_POLL) {
            Optional<Claimed> claimed = tx.execute(status -> store.claim(channelNames, instance, properties.lease()));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            send(claimed.get());
            attempts++;
        }
        return attempts;
    }

    private void send(Claimed claimed) {
        NotifyChannel channel = channels.get(claimed.channel());
        OfficerMessage message = store.message(claimed.messageId(), this::place).forChannel(channel);
        SendOutcome outcome;
        try {
            outcome = senders.get(channel.type()).send(channel, message);
        } catch (RuntimeException e) {
            outcome = SendOutcome.failed(e.getClass().getSimpleName()); // no message: it might quote the URL
        }
        State state;
        Duration retryIn = null;
        if (outcome.sent()) {
            state = State.SENT;
        } else if (schedule.afterFailure(claimed.attempts(), Optional.empty(), ThreadLocalRandom.current()::nextDouble)
                instanceof RetrySchedule.RetryIn retry) {
            state = State.PENDING;
            retryIn = retry.delay();
        } else {
            state = State.FAILED;
        }
        State recorded = state;
        Duration delay = retryIn;
        String error = outcome.detail();
        boolean held = Boolean.TRUE.equals(tx.execute(status -> store.record(claimed, instance, recorded, error, delay)));
        metrics.attempt(channel.type(), state);
        if (!held) {
            log.warn("Notification message {} to channel {}: the lease ran out before the result was recorded",
                    claimed.messageId(), channel.name());
        } else if (state == State.FAILED) {
            log.warn("Notification message {} to channel {} failed after {} attempts: {}", claimed.messageId(), channel.name(),
                    claimed.attempts(), error);
        } else if (state == State.PENDING) {
            log.info("Notification message {} to channel {} failed (attempt {}), retrying in {}: {}", claimed.messageId(),
                    channel.name(), claimed.attempts(), retryIn, error);
        } else {
            log.debug("Notification message {} sent to channel {} ({} lines)", claimed.messageId(), channel.name(),
                    message.lines().size());
        }
    }

    private String place(GroupKey group) {
        return properties.regionName(group.regionId()) + (group.township() == null ? "" : group.township());
    }
}
