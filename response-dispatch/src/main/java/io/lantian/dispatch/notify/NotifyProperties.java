package io.lantian.dispatch.notify;

import io.lantian.dispatch.delivery.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Officer notifications ({@code lantian.dispatch.notify}, docs/notifications.md).
 *
 * @param enabled        whether this instance runs the sender (notices are recorded either way)
 * @param pollInterval   how often the sender looks for due groups and sends
 * @param burstWindow    a group's notices wait this long after its oldest one for siblings, then go out as one message
 * @param maxLines       a group of this many notices goes out at once; also the most lines a chat message lists
 * @param maxAge         notices older than this are no longer sent (e.g. after a channel was added late)
 * @param maxAttempts    attempts per message and channel, then the send is FAILED
 * @param initialBackoff the delay after the first failed attempt (doubling up to {@code maxBackoff}, jittered)
 * @param maxBackoff     the longest delay between attempts
 * @param lease          a claimed send belongs to its instance this long; then another may retry it
 * @param connectTimeout HTTP connect limit (robots, webhooks)
 * @param requestTimeout HTTP request limit, answer included
 * @param zone           the time zone of the times in messages
 * @param mailFrom       the sender address of notification mails
 * @param consumerGroup  Kafka group of the listeners that turn warnings, proposals and station alerts into notices
 * @param regionNames    display names of regions in titles (region id → name); unnamed regions show their id
 * @param channels       where notices go; none: notices are recorded and not sent
 */
@ConfigurationProperties("lantian.dispatch.notify")
public record NotifyProperties(Boolean enabled, Duration pollInterval, Duration burstWindow, Integer maxLines,
                               Duration maxAge, Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
                               Duration lease, Duration connectTimeout, Duration requestTimeout, ZoneId zone,
                               String mailFrom, String consumerGroup, Map<String, String> regionNames,
                               List<NotifyChannel> channels) {

    public static final String DEFAULT_CONSUMER_GROUP = "response-dispatch.notices";

    public NotifyProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        burstWindow = burstWindow == null ? Duration.ofSeconds(30) : burstWindow;
        maxLines = maxLines == null ? 20 : maxLines;
        maxAge = maxAge == null ? Duration.ofHours(24) : maxAge;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "lantian-notify@localhost" : mailFrom.trim();
        consumerGroup = consumerGroup == null || consumerGroup.isBlank() ? DEFAULT_CONSUMER_GROUP : consumerGroup.trim();
        regionNames = regionNames == null ? Map.of() : Map.copyOf(regionNames);
        channels = channels == null ? List.of() : List.copyOf(channels);
        if (maxLines < 1) {
            throw new IllegalArgumentException("lantian.dispatch.notify.max-lines must be at least 1");
        }
        if (lease.compareTo(requestTimeout.plus(connectTimeout).multipliedBy(2)) < 0) {
            // a lease that runs out while its request is still going invites a second, concurrent send
            throw new IllegalArgumentException("lantian.dispatch.notify.lease must be at least twice connect-timeout + request-timeout");
        }
        Set<String> names = new HashSet<>();
        for (NotifyChannel channel : channels) {
            String problem = channel.problem();
            if (problem != null) {
                throw new IllegalArgumentException("lantian.dispatch.notify.channels: " + problem);
            }
            if (!names.add(channel.name())) {
                throw new IllegalArgumentException("lantian.dispatch.notify.channels: two channels are named " + channel.name());
            }
        }
    }

    /** Exponential back-off (× 2, ± 30 %), the same schedule webhook delivery uses. */
    public RetrySchedule retrySchedule() {
        return new RetrySchedule(maxAttempts, initialBackoff, 2.0, maxBackoff, 0.3, maxBackoff);
    }

    public String regionName(String regionId) {
        return regionNames.getOrDefault(regionId, regionId);
    }
}
