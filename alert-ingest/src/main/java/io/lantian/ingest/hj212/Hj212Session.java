package io.lantian.ingest.hj212;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the packet handler keeps about one connection. Used by one worker at a time: the server hands a
 * connection's packets over one after the other.
 */
public final class Hj212Session {

    private final String remote;
    private final Hj212SplitMessages splits;
    private final Set<Hj212Defect> warned = EnumSet.noneOf(Hj212Defect.class);
    private boolean authFailureWarned;

    public Hj212Session(String remote, int maxOpenSplitMessages, Duration splitMessageTimeout) {
        this.remote = remote;
        this.splits = new Hj212SplitMessages(maxOpenSplitMessages, splitMessageTimeout);
    }

    /** The peer's address, for logs. */
    public String remote() {
        return remote;
    }

    Hj212SplitMessages splits() {
        return splits;
    }

    /** Whether this is the first defect of its kind on this connection: log it loudly once, then quietly. */
    boolean firstOf(Hj212Defect defect) {
        return warned.add(defect);
    }

    boolean firstAuthFailure() {
        boolean first = !authFailureWarned;
        authFailureWarned = true;
        return first;
    }
}
