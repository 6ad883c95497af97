package io.lantian.platform.security;

/**
 * The roles of Lantian tokens (claim {@value #CLAIM}) and the claim that ties an enterprise token to its
 * enterprise ({@value #ENTERPRISE_ID_CLAIM}). Spring authorities are {@code ROLE_<role>}.
 */
public final class Roles {

    public static final String CLAIM = "roles";
    public static final String ENTERPRISE_ID_CLAIM = "enterprise_id";

    /** Data providers: stations and platforms that send readings. */
    public static final String INGEST = "ingest";
    /** Duty officers: receive alerts, decide warnings, follow orders. */
    public static final String OFFICER = "officer";
    /** The leader who signs the most severe warnings (e.g. red) — see forecast-consult's approval policy. */
    public static final String CHIEF = "chief";
    /** A forecast provider (municipal forecast centre) that submits forecasts. */
    public static final String FORECASTER = "forecaster";
    /** An enterprise on the reduction list: sees and acknowledges its own orders only. */
    public static final String ENTERPRISE = "enterprise";
    /** Administrators: registries, lists, configuration. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
