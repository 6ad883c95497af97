package io.lantian.dispatch.delivery;

/**
 * What one delivery attempt came to. Only a 2xx answer delivers; every other outcome is retried until the
 * series' attempts are used up — a 4xx too, because its usual causes (a wrong secret, a moved endpoint) are
 * fixed by people within the retry window.
 */
public enum AttemptOutcome {
    /** 2xx. */
    DELIVERED,
    /** 429: the receiver is alive but asks us to slow down (Retry-After obeyed). */
    RATE_LIMITED,
    /** Any other 1xx, 3xx (redirects are not followed) or 4xx. */
    CLIENT_ERROR,
    /** 5xx or 408. */
    SERVER_ERROR,
    /** No complete answer within the time limit. */
    TIMEOUT,
    /** Connection refused or reset, DNS or TLS failure. */
    CONNECTION_FAILED,
    /** Not sent: the endpoint's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** Not sent: no usable webhook URL or secret. */
    MISCONFIGURED;

    public static AttemptOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500 || status == 408) {
            return SERVER_ERROR;
        }
        return CLIENT_ERROR;
    }

    /**
     * Whether the endpoint's circuit breaker counts this as a failure. An endpoint that answers at all — even
     * 4xx or 429 — is up; the breaker is for endpoints that are down, overloaded or hanging.
     */
    public boolean endpointFailure() {
        return this == SERVER_ERROR || this == TIMEOUT || this == CONNECTION_FAILED;
    }

    /** Whether a request reached the wire (the attempt has a latency). */
    public boolean sent() {
        return this != CIRCUIT_OPEN && this != MISCONFIGURED;
    }
}
