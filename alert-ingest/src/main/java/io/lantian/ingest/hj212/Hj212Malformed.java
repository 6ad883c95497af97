package io.lantian.ingest.hj212;

/**
 * A data segment that is not a packet this receiver can act on.
 *
 * @param detail what exactly, for logs (never contains the password)
 * @param cn     the CN if it could be read, else {@code null} (for the metric tag)
 */
public record Hj212Malformed(Hj212Defect defect, String detail, String cn) implements Hj212Parsed {
}
