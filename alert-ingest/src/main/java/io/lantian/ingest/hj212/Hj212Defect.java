package io.lantian.ingest.hj212;

/**
 * What is wrong with input that is not a usable HJ 212 packet. A stable code for logs and tests; the
 * metric tag ({@link #result()}) groups them so the tag stays low-cardinality.
 */
public enum Hj212Defect {
    /** bytes outside any frame (before a {@code ##}, or no {@code ##} at all) */
    GARBAGE("garbage"),
    /** the 4 characters after {@code ##} are not decimal digits */
    BAD_LENGTH_FIELD("bad_frame"),
    /** the declared data-segment length is above 1024 (table 2) */
    LENGTH_TOO_LARGE("bad_frame"),
    /** no CR LF where the declared length puts the end of the frame */
    BAD_TAIL("bad_frame"),
    /** the 4 characters before CR LF are not hexadecimal */
    BAD_CRC_FIELD("bad_frame"),
    /** the CRC does not match the data segment (6.3.1: execution ends, no answer) */
    CRC_MISMATCH("crc_error"),
    /** the data segment holds control characters or is not UTF-8 */
    NOT_TEXT("malformed"),
    /** the data segment is not {@code key=value;…;CP=&&…&&} */
    BAD_SYNTAX("malformed"),
    /** a header field appears twice */
    DUPLICATE_FIELD("malformed"),
    /** QN, ST, CN, PW, MN or Flag is absent (HJ/T 212-2005 packets without QN and Flag are not accepted) */
    MISSING_FIELD("malformed"),
    /** a header field does not have the form table 3 gives it */
    BAD_FIELD_VALUE("malformed"),
    /** Flag bit D is set but PNUM/PNO are missing or inconsistent */
    BAD_SPLIT("malformed");

    private final String result;

    Hj212Defect(String result) {
        this.result = result;
    }

    /** The {@code result} tag of {@code lantian_hj212_packets_total}. */
    public String result() {
        return result;
    }
}
