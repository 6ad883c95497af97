package io.lantian.ingest.hj212;

/** A data segment read by {@link Hj212Parser}: a packet, or why it is none. */
public sealed interface Hj212Parsed permits Hj212Packet, Hj212Malformed {
}
