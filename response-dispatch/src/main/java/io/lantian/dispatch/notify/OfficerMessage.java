package io.lantian.dispatch.notify;

import io.lantian.dispatch.notify.Notice.NoticeKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One grouped message: the notices of one audience, region (and township) that went out together, and how
 * they read in each kind of channel. Chat robots limit a message's size, so the renderings list at most a
 * given number of lines and bytes and end with "… 另有 N 条" for the rest, never cutting a character apart.
 *
 * @param place the region's display name, with the township for a township officer's message
 */
public record OfficerMessage(long messageId, GroupKey group, String place, List<Line> lines) {

    /** Longest notice text in a chat line, in code points; longer texts end with "…". */
    static final int LINE_CHARS = 300;

    public record Line(long noticeId, NoticeKind kind, String text, Instant createdAt) {
    }

    public OfficerMessage {
        lines = List.copyOf(lines);
    }

    /** The same message with only the lines a channel wants (its kinds filter). */
    public OfficerMessage forChannel(NotifyChannel channel) {
        return new OfficerMessage(messageId, group, place, lines.stream()
                .filter(l -> channel.wants(group.audience(), group.regionId(), group.township(), l.kind())).toList());
    }

    /** e.g. {@code 【蓝天】孟津区 3 条待办: 2 个升级, 1 个站点高值预警} */
    public String title() {
        Map<NoticeKind, Long> counts = new EnumMap<>(NoticeKind.class);
        lines.forEach(l -> counts.merge(l.kind(), 1L, Long::sum));
        return "【蓝天】" + place + " " + lines.size() + " 条待办: " + counts.entrySet().stream()
                .map(e -> e.getValue() + " 个" + label(e.getKey())).collect(Collectors.joining(", "));
    }

    /** What officers call each kind. */
    public static String label(NoticeKind kind) {
        return switch (kind) {
            case ESCALATION -> "升级";
            case UNDELIVERABLE -> "无法送达";
            case NON_COMPLIANCE -> "疑似未落实减排";
            case STATION_ALERT -> "站点高值预警";
            case PROPOSAL -> "会商提议";
            case WARNING -> "预警";
        };
    }

    /** {@code 08:15 [升级] text}, the text cut at {@value #LINE_CHARS} characters. */
    String lineText(Line line, ZoneId zone) {
        return DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(line.createdAt())
                + " [" + label(line.kind()) + "] " + cutChars(line.text(), LINE_CHARS);
    }

    /** WeCom robot markdown: the title in bold, one list line per notice. */
    public String weComMarkdown(ZoneId zone, int maxLines, int maxBytes) {
        return bounded("**" + title() + "**\n", "- ", "\n", zone, maxLines, maxBytes);
    }

    /** DingTalk robot markdown text: the title as a heading, one list line per notice. */
    public String dingTalkMarkdown(ZoneId zone, int maxLines, int maxBytes) {
        return bounded("#### " + title() + "\n\n", "- ", "\n", zone, maxLines, maxBytes);
    }

    /** Plain text for e-mail. */
    public String plainText(ZoneId zone, int maxLines) {
        return bounded(title() + "\n\n", "", "\n", zone, maxLines, Integer.MAX_VALUE)
                + "\n--\n蓝天 重污染天气应急响应 (Lantian response-dispatch)\n";
    }

    /**
     * The head, then as many lines as {@code maxLines} and {@code maxBytes} (UTF-8) allow, then how many are left
     * out. The head alone is cut when it does not fit.
     */
    String bounded(String head, String bullet, String separator, ZoneId zone, int maxLines, int maxBytes) {
        String worstMore = more(lines.size());
        StringBuilder out = new StringBuilder(cutBytes(head, Math.max(0, maxBytes - utf8(worstMore))));
        int shown = 0;
        for (Line line : lines) {
            if (shown == maxLines) {
                break;
            }
            String text = bullet + lineText(line, zone) + separator;
            boolean last = shown == lines.size() - 1;
            int room = maxBytes - utf8(out) - (last ? 0 : utf8(worstMore));
            if (utf8(text) > room) {
                if (shown == 0 && room > utf8(bullet) + 16) { // one huge line: show its start rather than nothing
                    out.append(cutBytes(text, room - utf8(separator))).append(separator);
                    shown++;
                }
                break;
            }
            out.append(text);
            shown++;
        }
        if (shown < lines.size()) {
            out.append(more(lines.size() - shown));
        }
        return out.toString();
    }

    private static String more(int left) {
        return "… 另有 " + left + " 条\n";
    }

    static int utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** At most {@code maxBytes} of UTF-8, cut between code points, ending with "…" when cut. */
    static String cutBytes(String text, int maxBytes) {
        if (utf8(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - utf8("…");
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = utf8(new String(Character.toChars(cp)));
            if (used + size > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return budget < 0 ? "" : out.append('…').toString();
    }

    static String cutChars(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }

    /** The notices as data, for the generic webhook. */
    public List<Map<String, String>> noticesAsData() {
        List<Map<String, String>> out = new ArrayList<>();
        lines.forEach(l -> out.add(Map.of("kind", l.kind().name(), "text", l.text(), "createdAt", l.createdAt().toString())));
        return out;
    }
}
