package io.lantian.ingest.hj212;

import java.util.regex.Pattern;

/**
 * HJ 212 sends the station's password in clear text in every packet. Packets end up in logs and, for rejected
 * readings, on a topic kept 30 days: the password value is masked there, the rest stays as received.
 */
public final class Hj212Redaction {

    private static final Pattern PASSWORD = Pattern.compile("PW=[^;&]*");

    private Hj212Redaction() {
    }

    public static String withoutPassword(String packetText) {
        return PASSWORD.matcher(packetText).replaceAll("PW=***");
    }
}
