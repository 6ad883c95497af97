package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A place officers read notices: a robot, a mailbox, a webhook. {@code url} and {@code secret} are secrets
 * (a robot URL carries its key or access token), so {@link #toString()} shows neither, and logs name the
 * channel by {@code name} and {@link #endpoint()} only.
 *
 * @param name      stable identifier; the send log refers to it, so renaming a channel makes it a new one
 * @param url       WECOM, DINGTALK, WEBHOOK: where to POST (with the robot's key / access_token)
 * @param secret    DINGTALK: the 加签 secret ({@code SEC…}), optional; WEBHOOK: {@code whsec_…} secrets,
 *                  space-separated while rotating
 * @param to        EMAIL: the recipients
 * @param audience  whose notices it gets (default DUTY_OFFICER)
 * @param regions   only notices of these regions; empty: every region
 * @param townships only notices of these townships; empty: every township (and notices without one)
 * @param kinds     only notices of these kinds; empty: every kind
 */
public record NotifyChannel(String name, ChannelType type, String url, String secret, List<String> to, Audience audience,
                            Set<String> regions, Set<String> townships, Set<NoticeKind> kinds) {

    public NotifyChannel {
        to = to == null ? List.of() : List.copyOf(to);
        audience = audience == null ? Audience.DUTY_OFFICER : audience;
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        townships = townships == null ? Set.of() : Set.copyOf(townships);
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        url = url == null || url.isBlank() ? null : url.trim();
        secret = secret == null || secret.isBlank() ? null : secret.trim();
    }

    /** Whether a notice of this audience, region, township and kind is for this channel. */
    public boolean wants(Audience noticeAudience, String regionId, String township, NoticeKind kind) {
        return audience == noticeAudience
                && (regions.isEmpty() || regions.contains(regionId))
                && (townships.isEmpty() || (township != null && townships.contains(township)))
                && (kinds.isEmpty() || kinds.contains(kind));
    }

    /** Whether any notice of this group could be for this channel (kinds aside). */
    public boolean wantsGroup(GroupKey group) {
        return audience == group.audience()
                && (regions.isEmpty() || regions.contains(group.regionId()))
                && (townships.isEmpty() || (group.township() != null && townships.contains(group.township())));
    }

    /** The URL without what may be secret (path, query): scheme, host and port, for logs. */
    public String endpoint() {
        if (url == null) {
            return type == ChannelType.EMAIL ? "smtp" : "-";
        }
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }

    /** What is wrong with this channel, for a start-up failure; null when nothing. Never quotes the secrets. */
    String problem() {
        if (name == null || name.isBlank()) {
            return "a channel needs a name";
        }
        if (type == null) {
            return "channel " + name + " needs a type (WECOM, DINGTALK, EMAIL or WEBHOOK)";
        }
        if (type == ChannelType.EMAIL) {
            return to.isEmpty() ? "EMAIL channel " + name + " needs 'to' addresses" : null;
        }
        if (url == null) {
            return type + " channel " + name + " needs a url";
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return type + " channel " + name + ": the url is not a URL";
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            return type + " channel " + name + ": the url must be an absolute http(s) URL";
        }
        if (type == ChannelType.WEBHOOK && secret == null) {
            return "WEBHOOK channel " + name + " needs a secret (whsec_…)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "NotifyChannel[" + name + ", " + type + ", " + endpoint() + ", " + audience + "]"; // never url or secret
    }
}
