package io.lantian.ingest.hj212;

/** What the frame decoder takes out of a byte stream: a frame whose CRC checked, or a defect. */
public sealed interface Hj212Decoded permits Hj212Frame, Hj212FrameDefect {
}
