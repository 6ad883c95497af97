package io.lantian.ingest.hj212;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A data segment whose header fields have the form table 3 gives them.
 *
 * @param pnum       total packets of a split message, when Flag bit D is set
 * @param pno        this packet's number, from 1, when Flag bit D is set
 * @param parameters CP entries without a code, e.g. {@code DataTime}; keys in lower case
 * @param items      CP entries {@code code-Suffix=value}, grouped by code, in the order they came
 * @param ignored    CP pieces without {@code =} (skipped, not fatal)
 * @param segment    the data segment as text
 */
public record Hj212Packet(String qn, String st, String cn, String pw, String mn, int flag, Integer pnum, Integer pno,
                          Map<String, String> parameters, List<Hj212Item> items, int ignored, String segment)
        implements Hj212Parsed {

    public Hj212Packet {
        parameters = Map.copyOf(parameters);
        items = List.copyOf(items);
    }

    /** Flag bit A: the sender waits for an answer. */
    public boolean wantsAnswer() {
        return (flag & 1) != 0;
    }

    /** Flag bit D: one part of a split message (PNUM/PNO present). */
    public boolean isSplit() {
        return (flag & 2) != 0;
    }

    /** Flag bits V5–V0: 0 = HJ/T 212-2005, 1 = HJ 212-2017, 2 = HJ 212-2025 (unconfirmed). */
    public int version() {
        return flag >>> 2;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> dataTime() {
        return parameter("DataTime");
    }

    /** Never prints PW. */
    @Override
    public String toString() {
        return "Hj212Packet[QN=" + qn + ", ST=" + st + ", CN=" + cn + ", MN=" + mn + ", Flag=" + flag
                + (isSplit() ? ", PNUM=" + pnum + ", PNO=" + pno : "") + ", items=" + items.size() + "]";
    }
}
