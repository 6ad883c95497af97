package io.lantian.testing;

import io.lantian.platform.security.HmacTokens;
import io.lantian.platform.security.Roles;

/** Signed tokens for tests, with a key made for this JVM (never a fixed secret in the repository). */
public final class TestTokens {

    private static final String SECRET = HmacTokens.newSecret();
    private static final HmacTokens TOKENS = new HmacTokens(SECRET, null);

    private TestTokens() {
    }

    public static String secret() {
        return SECRET;
    }

    public static String ingest() {
        return TOKENS.token("station-gateway", Roles.INGEST);
    }

    public static String officer() {
        return TOKENS.token("officer-zhang", Roles.OFFICER);
    }

    /** The leader who signs red warnings. */
    public static String chief() {
        return TOKENS.token("chief-li", Roles.CHIEF);
    }

    public static String forecaster() {
        return TOKENS.token("forecast-centre", Roles.FORECASTER);
    }

    public static String admin() {
        return TOKENS.token("admin", Roles.ADMIN);
    }

    public static String enterprise(String enterpriseId) {
        return TOKENS.enterpriseToken(enterpriseId);
    }

    /** A token signed with another key: must be refused. */
    public static String forged(String role) {
        return new HmacTokens(HmacTokens.newSecret(), null).token("intruder", role);
    }
}
