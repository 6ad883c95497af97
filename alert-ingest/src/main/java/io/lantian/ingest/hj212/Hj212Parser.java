package io.lantian.ingest.hj212;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a data segment ({@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&}) into a
 * {@link Hj212Packet}. Never throws: anything else is a {@link Hj212Malformed} with its reason.
 *
 * <p>Strict where the answer and the station's identity depend on it (header fields: names case-sensitive as
 * 6.3.3.2.1 says, forms of table 3), liberal in CP where public packets vary: header fields in any order;
 * CP split on both {@code ;} and {@code ,}; pieces without {@code =} skipped; suffixes in any case. MN may
 * have 1–24 letters or digits and PW up to 32 characters, since provincial platforms hand out longer ones
 * than the standard's 6. Packets without QN or Flag (HJ/T 212-2005 style) are refused.
 */
public final class Hj212Parser {

    private static final Pattern QN = Pattern.compile("\\d{17}");
    private static final Pattern ST = Pattern.compile("[0-9A-Z]{2}");
    private static final Pattern CN = Pattern.compile("\\d{4}");
    private static final Pattern PW = Pattern.compile("[\\x21-\\x7E&&[^;=&,]]{1,32}");
    private static final Pattern MN = Pattern.compile("[0-9A-Za-z]{1,24}");
    private static final Pattern FLAG = Pattern.compile("\\d{1,3}");
    private static final Pattern PACKET_NUMBER = Pattern.compile("\\d{1,4}");
    private static final List<String> HEADER = List.of("QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO");
    private static final String CP_OPEN = "CP=&&";
    private static final String CP_CLOSE = "&&";

    private Hj212Parser() {
    }

    public static Hj212Parsed parse(byte[] segment) {
        for (byte b : segment) {
            if ((b >= 0 && b < 0x20) || b == 0x7F) {
                return new Hj212Malformed(Hj212Defect.NOT_TEXT, "control character 0x" + Integer.toHexString(b), null);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(segment)).toString();
        } catch (CharacterCodingException e) {
            return new Hj212Malformed(Hj212Defect.NOT_TEXT, "not UTF-8", null);
        }
        return parse(text);
    }

    public static Hj212Parsed parse(String segment) {
        int cpAt = cpStart(segment);
        if (cpAt < 0) {
            return new Hj212Malformed(Hj212Defect.BAD_SYNTAX, "no CP=&&", null);
        }
        Map<String, String> header = new HashMap<>();
        for (String piece : segment.substring(0, cpAt).split(";")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                return new Hj212Malformed(Hj212Defect.BAD_SYNTAX, "header piece without key=value: " + excerpt(piece), header.get("CN"));
            }
            String key = piece.substring(0, eq);
            if (HEADER.contains(key) && header.putIfAbsent(key, piece.substring(eq + 1)) != null) {
                return new Hj212Malformed(Hj212Defect.DUPLICATE_FIELD, key + " appears twice", header.get("CN"));
            }
        }
        String cn = header.get("CN");
        String cnTag = cn != null && CN.matcher(cn).matches() ? cn : null;
        if (segment.length() < cpAt + CP_OPEN.length() + CP_CLOSE.length() || !segment.endsWith(CP_CLOSE)) {
            return new Hj212Malformed(Hj212Defect.BAD_SYNTAX, "CP does not end with &&", cnTag);
        }
        for (String field : List.of("QN", "ST", "CN", "PW", "MN", "Flag")) {
            if (!header.containsKey(field)) {
                return new Hj212Malformed(Hj212Defect.MISSING_FIELD, field + " is missing", cnTag);
            }
        }
        Hj212Malformed badForm = checkForm(header, cnTag);
        if (badForm != null) {
            return badForm;
        }
        int flag = Integer.parseInt(header.get("Flag"));
        Integer pnum = null;
        Integer pno = null;
        if ((flag & 2) != 0) {
            String total = header.get("PNUM");
            String number = header.get("PNO");
            if (total == null || number == null || !PACKET_NUMBER.matcher(total).matches() || !PACKET_NUMBER.matcher(number).matches()) {
                return new Hj212Malformed(Hj212Defect.BAD_SPLIT, "Flag bit D needs PNUM and PNO of 1–4 digits", cnTag);
            }
            pnum = Integer.parseInt(total);
            pno = Integer.parseInt(number);
            if (pnum < 1 || pno < 1 || pno > pnum) {
                return new Hj212Malformed(Hj212Defect.BAD_SPLIT, "PNO " + pno + " of PNUM " + pnum, cnTag);
            }
        }
        return readCp(segment, cpAt, header, flag, pnum, pno);
    }

    /** {@code CP=&&} at the start or right after a {@code ;}. */
    private static int cpStart(String segment) {
        int at = segment.indexOf(CP_OPEN);
        while (at > 0 && segment.charAt(at - 1) != ';') {
            at = segment.indexOf(CP_OPEN, at + 1);
        }
        return at;
    }

    private static Hj212Malformed checkForm(Map<String, String> header, String cnTag) {
        if (!QN.matcher(header.get("QN")).matches()) {
            return bad("QN must be 17 digits: " + excerpt(header.get("QN")), cnTag);
        }
        if (!ST.matcher(header.get("ST")).matches()) {
            return bad("ST must be 2 characters 0-9/A-Z: " + excerpt(header.get("ST")), cnTag);
        }
        if (!CN.matcher(header.get("CN")).matches()) {
            return bad("CN must be 4 digits: " + excerpt(header.get("CN")), cnTag);
        }
        if (!PW.matcher(header.get("PW")).matches()) {
            return bad("PW must be 1–32 printable characters", cnTag); // never echo a password
        }
        if (!MN.matcher(header.get("MN")).matches()) {
            return bad("MN must be 1–24 letters or digits: " + excerpt(header.get("MN")), cnTag);
        }
        if (!FLAG.matcher(header.get("Flag")).matches() || Integer.parseInt(header.get("Flag")) > 255) {
            return bad("Flag must be an integer 0–255: " + excerpt(header.get("Flag")), cnTag);
        }
        return null;
    }

    private static Hj212Malformed bad(String detail, String cnTag) {
        return new Hj212Malformed(Hj212Defect.BAD_FIELD_VALUE, detail, cnTag);
    }

    private static Hj212Packet readCp(String segment, int cpAt, Map<String, String> header, int flag, Integer pnum, Integer pno) {
        String cp = segment.substring(cpAt + CP_OPEN.length(), segment.length() - CP_CLOSE.length());
        Map<String, String> parameters = new HashMap<>();
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        Map<String, String> codes = new HashMap<>();
        int ignored = 0;
        for (String piece : cp.split("[;,]")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                ignored++;
                continue;
            }
            String key = piece.substring(0, eq);
            String value = piece.substring(eq + 1);
            int dash = key.indexOf('-');
            if (dash < 0) {
                parameters.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
            } else {
                String code = key.substring(0, dash);
                String group = code.toLowerCase(Locale.ROOT);
                codes.putIfAbsent(group, code);
                fields.computeIfAbsent(group, g -> new HashMap<>())
                        .putIfAbsent(key.substring(dash + 1).toLowerCase(Locale.ROOT), value); // first value wins
            }
        }
        List<Hj212Item> items = new ArrayList<>(fields.size());
        fields.forEach((group, values) -> items.add(new Hj212Item(codes.get(group), values)));
        return new Hj212Packet(header.get("QN"), header.get("ST"), header.get("CN"), header.get("PW"), header.get("MN"),
                flag, pnum, pno, parameters, items, ignored, segment);
    }

    private static String excerpt(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "…";
    }
}
