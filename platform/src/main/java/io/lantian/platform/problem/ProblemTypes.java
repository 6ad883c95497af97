package io.lantian.platform.problem;

import org.springframework.http.HttpStatusCode;

import java.net.URI;

/**
 * Stable {@code type} URIs of Lantian's problem details (RFC 9457). They are URNs, not links: clients
 * switch on them; docs/problems.md explains each.
 */
public final class ProblemTypes {

    public static final URI VALIDATION = of("validation");
    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI CONFLICT = of("conflict");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI UNAVAILABLE = of("unavailable");
    public static final URI INTERNAL = of("internal");

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create("urn:lantian:problem:" + slug);
    }

    /** The generic type of an HTTP status, for problems that have no more specific one. */
    public static URI forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400, 422 -> VALIDATION;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status.is5xxServerError() ? INTERNAL : of("http-" + status.value());
        };
    }
}
