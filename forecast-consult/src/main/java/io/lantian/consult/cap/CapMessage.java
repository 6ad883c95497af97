package io.lantian.consult.cap;

import io.lantian.consult.warning.Warning;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One CAP 1.2 alert per warning revision (OASIS CAP 1.2, 2010): revision 1 is {@code Alert}, an adjustment
 * {@code Update} and a lift or cancellation {@code Cancel}, each with {@code references} to the message of the
 * previous revision. Elements are written in the order the CAP schema's sequences require; times carry a
 * numeric offset (+08:00), never {@code Z} or fractions of a second. Plain Java (StAX from the JDK).
 */
public final class CapMessage {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** The CAP schema's pattern for sent, effective, onset and expires. */
    public static final Pattern DATE_TIME = Pattern.compile("\\d\\d\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private CapMessage() {
    }

    /** The identifier of a revision's message; also its id in the feed's URLs. */
    public static String identifier(String warningId, int revision) {
        return "lantian-" + warningId + "-r" + revision;
    }

    public static String time(Instant instant) {
        return CAP_TIME.format(instant.atOffset(BEIJING));
    }

    /** The message of {@code warning}'s revision {@code revision} (1-based). */
    public static String of(Warning warning, int revision, CapProperties properties) {
        List<Warning.Revision> history = warning.history();
        Warning.Revision current = history.get(revision - 1);
        CapProperties.Region region = properties.region(warning.regionId());
        boolean cancel = current.action().equals("LIFTED") || current.action().equals("CANCELLED");
        String msgType = revision == 1 ? "Alert" : cancel ? "Cancel" : "Update";
        LevelText level = LevelText.of(current.level());
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(NAMESPACE);
            text(xml, "identifier", identifier(warning.warningId(), revision));
            text(xml, "sender", properties.sender());
            text(xml, "sent", time(current.occurredAt()));
            text(xml, "status", "Actual");
            text(xml, "msgType", msgType);
            text(xml, "scope", "Public");
            if (revision > 1) {
                Warning.Revision previous = history.get(revision - 2);
                text(xml, "references", properties.sender() + "," + identifier(warning.warningId(), revision - 1) + ","
                        + time(previous.occurredAt()));
            }
            text(xml, "incidents", "lantian-" + warning.warningId());

            xml.writeStartElement("info");
            text(xml, "language", "zh-CN");
            text(xml, "category", "Env");
            text(xml, "event", level.event());
            text(xml, "responseType", cancel ? "AllClear" : level.responseType());
            text(xml, "urgency", cancel ? "Past" : warning.effectiveFrom().isAfter(current.occurredAt()) ? "Expected" : "Immediate");
            text(xml, "severity", cancel ? "Minor" : level.severity());
            text(xml, "certainty", cancel ? "Observed" : "Likely");
            xml.writeStartElement("eventCode");
            text(xml, "valueName", "lantian:level");
            text(xml, "value", current.level());
            xml.writeEndElement();
            text(xml, "effective", time(revision == 1 ? warning.effectiveFrom() : current.occurredAt()));
            text(xml, "onset", time(warning.effectiveFrom()));
            if (!cancel && warning.expectedEnd() != null) {
                text(xml, "expires", time(warning.expectedEnd()));
            }
            text(xml, "senderName", properties.senderName());
            text(xml, "headline", region.name() + (cancel ? level.event() + "解除" : "发布" + level.event()));
            text(xml, "description", current.basis());
            text(xml, "instruction", cancel ? "预警解除，各项应急减排措施相应终止。" : level.instruction());
            xml.writeStartElement("parameter");
            text(xml, "valueName", "lantian:revision");
            text(xml, "value", String.valueOf(revision));
            xml.writeEndElement();
            xml.writeStartElement("area");
            text(xml, "areaDesc", region.name());
            if (region.geocode() != null) {
                xml.writeStartElement("geocode");
                text(xml, "valueName", "GB/T 2260");
                text(xml, "value", region.geocode());
                xml.writeEndElement();
            }
            xml.writeEndElement(); // area
            xml.writeEndElement(); // info
            xml.writeEndElement(); // alert
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a CAP message to a string failed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    /** Public wording per level (domain.md §2.1, §4.5 mapping: yellow/orange/red → Moderate/Severe/Extreme). */
    record LevelText(String event, String severity, String responseType, String instruction) {

        static LevelText of(String level) {
            return switch (level) {
                case "YELLOW" -> new LevelText("重污染天气黄色预警", "Moderate", "Prepare",
                        "启动Ⅲ级应急响应：按应急减排清单落实黄色预警减排措施；儿童、老年人和心脏病、呼吸系统疾病患者减少户外活动。");
                case "ORANGE" -> new LevelText("重污染天气橙色预警", "Severe", "Execute",
                        "启动Ⅱ级应急响应：按应急减排清单落实橙色预警减排措施；一般人群减少户外运动，敏感人群留在室内。");
                case "RED" -> new LevelText("重污染天气红色预警", "Extreme", "Execute",
                        "启动Ⅰ级应急响应：按应急减排清单落实红色预警减排措施；一般人群避免户外活动，中小学、幼儿园可停止户外课程。");
                case "HEALTH_ADVISORY" -> new LevelText("臭氧污染健康提示", "Minor", "Monitor",
                        "臭氧浓度较高：午后减少户外活动；加强挥发性有机物和氮氧化物排放源监管。");
                default -> throw new IllegalArgumentException("unknown level " + level);
            };
        }
    }
}
