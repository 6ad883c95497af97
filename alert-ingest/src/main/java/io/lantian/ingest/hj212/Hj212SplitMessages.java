package io.lantian.ingest.hj212;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The split messages (Flag bit D) of one connection that are under way. Each part of a split message is a
 * complete packet with its own DataTime in the standard's examples, so parts are processed as they come and
 * nothing is reassembled; this only remembers each message's DataTime (by MN, CN and PNUM), for senders that
 * put it in the first part only. Bounded in count and age, so a sender cannot grow it.
 */
final class Hj212SplitMessages {

    private record Key(String mn, String cn, int pnum) {
    }

    private record Seen(String dataTime, long atNanos) {
    }

    private final int maxOpen;
    private final long timeoutNanos;
    private final LinkedHashMap<Key, Seen> open = new LinkedHashMap<>();

    Hj212SplitMessages(int maxOpen, Duration timeout) {
        this.maxOpen = maxOpen;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The DataTime that applies to this packet: its own, or that of an earlier part of the same message. */
    String dataTime(Hj212Packet packet, long nowNanos) {
        String own = packet.dataTime().orElse(null);
        if (!packet.isSplit()) {
            return own;
        }
        expire(nowNanos);
        Key key = new Key(packet.mn(), packet.cn(), packet.pnum());
        if (own == null) {
            Seen seen = packet.pno().equals(packet.pnum()) ? open.remove(key) : open.get(key);
            return seen == null ? null : seen.dataTime();
        }
        open.remove(key); // re-inserted last: the map stays in order of last use
        if (packet.pno().equals(packet.pnum())) {
            return own; // the last part: the message is complete
        }
        open.put(key, new Seen(own, nowNanos));
        while (open.size() > maxOpen) {
            Iterator<Map.Entry<Key, Seen>> oldest = open.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return own;
    }

    int size() {
        return open.size();
    }

    private void expire(long nowNanos) {
        open.values().removeIf(seen -> nowNanos - seen.atNanos() > timeoutNanos);
    }
}
