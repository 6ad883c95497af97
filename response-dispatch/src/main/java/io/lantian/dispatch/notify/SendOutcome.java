package io.lantian.dispatch.notify;

/**
 * What one attempt to send a message to a channel came to.
 *
 * @param detail on failure: what the channel said (errcode and errmsg, HTTP status, SMTP error), never a secret
 */
public record SendOutcome(boolean sent, String detail) {

    static final int DETAIL_CHARS = 500;

    public static SendOutcome ok() {
        return new SendOutcome(true, null);
    }

    public static SendOutcome failed(String detail) {
        return new SendOutcome(false, detail == null ? "failed" : OfficerMessage.cutChars(detail, DETAIL_CHARS));
    }
}
