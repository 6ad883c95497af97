package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables of the sender: pending {@code officer_notice} rows, the grouped {@code officer_message} and the
 * per-channel {@code officer_message_send}. Every statement is short; no transaction spans a send.
 * <p>
 * An instance only ever touches notices and sends its own channels want: replicas share one configuration,
 * and a notice nobody wants yet stays pending (until {@code max-age}) for a channel configured later.
 */
@Repository
class NotificationStore {

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Pending notices that some channel wants, as SQL over {@code officer_notice} and its named parameters. */
    record Wanted(String condition, Map<String, Object> params) {

        static Wanted by(List<NotifyChannel> channels) {
            Map<String, Object> params = new HashMap<>();
            List<String> any = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                NotifyChannel channel = channels.get(i);
                StringBuilder one = new StringBuilder("(audience = :audience" + i);
                params.put("audience" + i, channel.audience().name());
                if (!channel.regions().isEmpty()) {
                    one.append(" and region_id in (:regions").append(i).append(')');
                    params.put("regions" + i, List.copyOf(channel.regions()));
                }
                if (!channel.townships().isEmpty()) {
                    one.append(" and township in (:townships").append(i).append(')');
                    params.put("townships" + i, List.copyOf(channel.townships()));
                }
                if (!channel.kinds().isEmpty()) {
                    one.append(" and kind in (:kinds").append(i).append(')');
                    params.put("kinds" + i, channel.kinds().stream().map(Enum::name).toList());
                }
                any.add(one.append(')').toString());
            }
            return new Wanted(any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")", Map.copyOf(params));
        }
    }

    /**
     * Groups with a wanted pending notice whose oldest is older than the burst window, or that are full.
     * Read without locks: {@link #group} takes the group's lock and looks again.
     */
    List<GroupKey> dueGroups(Wanted wanted, Duration burstWindow, int maxLines, Duration maxAge, int limit) {
        return jdbc.sql("""
                        select audience, region_id, township from officer_notice
                        where sent_at is null and created_at > now() - make_interval(secs => :maxAge) and %s
                        group by audience, region_id, township
                        having min(created_at) <= now() - make_interval(secs => :burst) or count(*) >= :maxLines
                        order by min(created_at) limit :limit""".formatted(wanted.condition()))
                .params(wanted.params())
                .param("maxAge", seconds(maxAge)).param("burst", seconds(burstWindow)).param("maxLines", maxLines)
                .param("limit", limit)
                .query((rs, n) -> new GroupKey(Audience.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** A pending notice as grouping sees it. */
    record Pending(long noticeId, NoticeKind kind, String text, Timestamp createdAt, boolean ripe) {
    }

    /**
     * Makes one message of a group's wanted pending notices, if the group is (still) due: takes the group's
     * advisory lock — a replica grouping the same group at this moment skips it rather than splitting it —
     * then locks the notices ({@code SKIP LOCKED}), marks them sent in the new message and adds a send per
     * channel that wants one of them. Runs in the caller's transaction; the lock goes with its commit.
     *
     * @param title    the message's title from its lines
     * @param channels the channels to consider for sends
     * @return the new message's id; empty when another replica holds the group or it is no longer due
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> group(GroupKey group, Wanted wanted, Duration burstWindow, int maxLines, Duration maxAge, String instance,
                         Function<List<OfficerMessage.Line>, String> title, List<NotifyChannel> channels) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")
                .param(group.lockName()).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return Optional.empty();
        }
        List<Pending> pending = jdbc.sql("""
                        select notice_id, kind, text, created_at,
                          created_at <= now() - make_interval(secs => :burst) as ripe
                        from officer_notice
                        where sent_at is null and created_at > now() - make_interval(secs => :maxAge) and %s
                          and audience = :audience and region_id = :region and township is not distinct from cast(:township as text)
                        order by created_at, notice_id
                        for update skip locked""".formatted(wanted.condition()))
                .params(wanted.params())
                .param("burst", seconds(burstWindow)).param("maxAge", seconds(maxAge))
                .param("audience", group.audience().name()).param("region", group.regionId()).param("township", group.township())
                .query((rs, n) -> new Pending(rs.getLong(1), NoticeKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4), rs.getBoolean(5)))
                .list();
        if (pending.isEmpty() || (pending.size() < maxLines && pending.stream().noneMatch(Pending::ripe))) {
            return Optional.empty();
        }
        List<OfficerMessage.Line> lines = pending.stream()
                .map(p -> new OfficerMessage.Line(p.noticeId(), p.kind(), p.text(), p.createdAt().toInstant())).toList();
        long messageId = jdbc.sql("""
                        insert into officer_message (audience, region_id, township, title, notices, created_by)
                        values (?, ?, ?, ?, ?, ?) returning message_id""")
                .params(group.audience().name(), group.regionId(), group.township(), title.apply(lines), lines.size(), instance)
                .query(Long.class).single();
        jdbc.sql("update officer_notice set message_id = :message, sent_at = now() where notice_id in (:ids)")
                .param("message", messageId).param("ids", pending.stream().map(Pending::noticeId).toList())
                .update();
        for (NotifyChannel channel : channels) {
            if (lines.stream().anyMatch(l -> channel.wants(group.audience(), group.regionId(), group.township(), l.kind()))) {
                jdbc.sql("""
                                insert into officer_message_send (message_id, channel, channel_type, state)
                                values (?, ?, ?, 'PENDING')""")
                        .params(messageId, channel.name(), channel.type().name())
                        .update();
            }
        }
        return Optional.of(messageId);
    }

    /** A send claimed by this instance: the attempt just claimed is number {@code attempts}. */
    record Claimed(long messageId, String channel, int attempts) {
    }

    /**
     * Claims the next due send of one of {@code channels}: a PENDING one whose time has come, or an IN_FLIGHT
     * one whose lease ran out (its instance died). {@code SKIP LOCKED} lets replicas claim side by side
     * without ever taking the same row; the attempt is counted at the claim.
     */
    Optional<Claimed> claim(List<String> channels, String instance, Duration lease) {
        if (channels.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        with due as (
                          select message_id, channel from officer_message_send
                          where channel in (:channels)
                            and ((state = 'PENDING' and next_attempt_at <= now()) or (state = 'IN_FLIGHT' and lease_until <= now()))
                          order by next_attempt_at
                          limit 1
                          for update skip locked)
                        update officer_message_send s set state = 'IN_FLIGHT', attempts = s.attempts + 1, leased_by = :instance,
                          lease_until = now() + make_interval(secs => :lease), updated_at = now()
                        from due where s.message_id = due.message_id and s.channel = due.channel
                        returning s.message_id, s.channel, s.attempts""")
                .param("channels", channels).param("instance", instance).param("lease", seconds(lease))
                .query(Claimed.class).optional();
    }

    /** The message with its notices (all of them; each channel keeps the lines it wants). */
    OfficerMessage message(long messageId, Function<GroupKey, String> place) {
        GroupKey group = jdbc.sql("select audience, region_id, township from officer_message where message_id = ?")
                .param(messageId)
                .query((rs, n) -> new GroupKey(Audience.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .single();
        List<OfficerMessage.Line> lines = jdbc.sql("""
                        select notice_id, kind, text, created_at from officer_notice where message_id = ?
                        order by created_at, notice_id""")
                .param(messageId)
                .query((rs, n) -> new OfficerMessage.Line(rs.getLong(1), NoticeKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        return new OfficerMessage(messageId, group, place.apply(group), lines);
    }

    enum State { SENT, PENDING, FAILED }

    /**
     * Records an attempt's consequence — only while the claim holds (same instance, same attempt: a fencing
     * token against a late answer after the lease ran out and another replica took over).
     *
     * @param retryIn the delay before the next attempt (PENDING only)
     * @return whether the claim still held
     */
    boolean record(Claimed claimed, String instance, State state, String error, Duration retryIn) {
        return jdbc.sql("""
                        update officer_message_send set state = :state, lease_until = null, leased_by = null, updated_at = now(),
                          next_attempt_at = case when :state = 'PENDING' then now() + make_interval(secs => :retryIn)
                                                 else next_attempt_at end,
                          sent_at = case when :state = 'SENT' then now() else sent_at end,
                          sent_by = case when :state = 'SENT' then :instance else sent_by end,
                          last_error = case when :state = 'SENT' then last_error else :error end
                        where message_id = :message and channel = :channel and state = 'IN_FLIGHT'
                          and attempts = :attempts and leased_by = :instance""")
                .param("state", state.name()).param("retryIn", retryIn == null ? 0.0 : seconds(retryIn))
                .param("instance", instance).param("error", error)
                .param("message", claimed.messageId()).param("channel", claimed.channel()).param("attempts", claimed.attempts())
                .update() == 1;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
