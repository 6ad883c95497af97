package io.lantian.ingest.hj212;

/**
 * An edition of the protocol as the version bits V5–V0 of Flag name it.
 *
 * @param version    Flag &gt;&gt; 2
 * @param confirmed  whether the edition's text was read; HJ 212-2025's was not (docs/hj212.md)
 * @param answerFlag the Flag of this platform's answers to a packet of this edition (bit A and D clear)
 */
public record Hj212Edition(int version, String name, boolean confirmed, int answerFlag) {
}
