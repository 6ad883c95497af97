package io.lantian.consult.cap;

import io.lantian.consult.warning.Warning;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message meets what CAP 1.2 requires: the schema's element order, the required elements, the
 * enumerations, the date-time pattern and references to the previous message. (The messages are also
 * written to target/cap-samples for validation against the OASIS XSD with xmllint; see docs/warnings.md.)
 */
class CapMessageTest {

    static final CapProperties PROPERTIES = new CapProperties("lantian.sthj.mengjin.gov.cn", "洛阳市生态环境局孟津分局",
            Map.of("mengjin", new CapProperties.Region("洛阳市孟津区", "410308")));
    static final String ID = "6f1b3a52-9a57-4a3c-9a39-6d3a1f6a8e10";
    static final Warning WARNING = new Warning(ID, "mengjin", "ORANGE", "LIFTED", 3,
            Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-04T16:00:00Z"), List.of(
            new Warning.Revision(1, "ISSUED", "RED", "forecast … RED: AQI>200 for 72h and AQI>300 for 24h <&>", "chief-li", null,
                    Instant.parse("2026-11-30T02:15:30.123Z")),
            new Warning.Revision(2, "CHANGED", "ORANGE", "会商：污染程度低于预期", "chief-li", "降级", Instant.parse("2026-12-02T04:00:00Z")),
            new Warning.Revision(3, "LIFTED", "ORANGE", "forecast below 150 for 48 h", "officer-zhang", null,
                    Instant.parse("2026-12-03T09:30:00Z"))));

    // the sequences of the CAP 1.2 schema (optional elements may be absent, order must hold)
    static final List<String> ALERT = List.of("identifier", "sender", "sent", "status", "msgType", "source", "scope",
            "restriction", "addresses", "code", "note", "references", "incidents", "info");
    static final List<String> INFO = List.of("language", "category", "event", "responseType", "urgency", "severity",
            "certainty", "audience", "eventCode", "effective", "onset", "expires", "senderName", "headline", "description",
            "instruction", "web", "contact", "parameter", "resource", "area");
    static final List<String> AREA = List.of("areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling");
    static final Pattern NO_SPECIALS = Pattern.compile("[^\\s,<&]+");

    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return doc.getDocumentElement();
    }

    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertThat(e.getNamespaceURI()).isEqualTo(CapMessage.NAMESPACE);
                result.add(e);
            }
        }
        return result;
    }

    static String child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
                .map(Element::getTextContent).orElse(null);
    }

    static void assertOrder(Element parent, List<String> sequence) {
        int last = -1;
        for (Element e : children(parent)) {
            int position = sequence.indexOf(e.getLocalName());
            assertThat(position).as("%s is a CAP element of %s", e.getLocalName(), parent.getLocalName()).isNotNegative();
            assertThat(position).as("%s comes in schema order", e.getLocalName()).isGreaterThanOrEqualTo(last);
            last = position;
        }
    }

    static Element check(String xml) throws Exception {
        Element alert = parse(xml);
        assertThat(alert.getLocalName()).isEqualTo("alert");
        assertThat(alert.getNamespaceURI()).isEqualTo(CapMessage.NAMESPACE);
        assertOrder(alert, ALERT);
        for (String required : List.of("identifier", "sender", "sent", "status", "msgType", "scope")) {
            assertThat(child(alert, required)).as(required).isNotBlank();
        }
        assertThat(child(alert, "identifier")).matches(NO_SPECIALS);
        assertThat(child(alert, "sender")).matches(NO_SPECIALS);
        assertThat(child(alert, "sent")).matches(CapMessage.DATE_TIME);
        assertThat(child(alert, "status")).isIn("Actual", "Exercise", "System", "Test", "Draft");
        assertThat(child(alert, "msgType")).isIn("Alert", "Update", "Cancel", "Ack", "Error");
        assertThat(child(alert, "scope")).isEqualTo("Public");
        for (Element info : children(alert).stream().filter(e -> e.getLocalName().equals("info")).toList()) {
            assertOrder(info, INFO);
            assertThat(child(info, "category")).isIn("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
                    "Transport", "Infra", "CBRNE", "Other");
            assertThat(child(info, "event")).isNotBlank();
            assertThat(child(info, "responseType")).isIn("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor",
                    "Assess", "AllClear", "None");
            assertThat(child(info, "urgency")).isIn("Immediate", "Expected", "Future", "Past", "Unknown");
            assertThat(child(info, "severity")).isIn("Extreme", "Severe", "Moderate", "Minor", "Unknown");
            assertThat(child(info, "certainty")).isIn("Observed", "Likely", "Possible", "Unlikely", "Unknown");
            for (String time : List.of("effective", "onset", "expires")) {
                if (child(info, time) != null) {
                    assertThat(child(info, time)).as(time).matches(CapMessage.DATE_TIME);
                }
            }
            for (Element area : children(info).stream().filter(e -> e.getLocalName().equals("area")).toList()) {
                assertOrder(area, AREA);
                assertThat(child(area, "areaDesc")).isNotBlank();
            }
        }
        return alert;
    }

    static String write(String name, String xml) throws Exception {
        Path dir = Path.of("target", "cap-samples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), xml);
        return xml;
    }

    @Test
    void issueAdjustLiftAreAlertUpdateCancelEachReferringToThePreviousMessage() throws Exception {
        Element alert = check(write("r1.xml", CapMessage.of(WARNING, 1, PROPERTIES)));
        Element update = check(write("r2.xml", CapMessage.of(WARNING, 2, PROPERTIES)));
        Element cancel = check(write("r3.xml", CapMessage.of(WARNING, 3, PROPERTIES)));

        assertThat(child(alert, "msgType")).isEqualTo("Alert");
        assertThat(child(alert, "references")).isNull();
        assertThat(child(update, "msgType")).isEqualTo("Update");
        assertThat(child(update, "references")).isEqualTo(String.join(",", child(alert, "sender"),
                child(alert, "identifier"), child(alert, "sent")));
        assertThat(child(cancel, "msgType")).isEqualTo("Cancel");
        assertThat(child(cancel, "references")).isEqualTo(String.join(",", child(update, "sender"),
                child(update, "identifier"), child(update, "sent")));
        assertThat(Set.of(child(alert, "identifier"), child(update, "identifier"), child(cancel, "identifier"))).hasSize(3);
        assertThat(child(alert, "incidents")).isEqualTo(child(cancel, "incidents"));
    }

    @Test
    void timesAreBeijingWithANumericOffsetAndWholeSeconds() throws Exception {
        Element alert = check(CapMessage.of(WARNING, 1, PROPERTIES));

        assertThat(child(alert, "sent")).isEqualTo("2026-11-30T10:15:30+08:00");
        Element info = children(alert).stream().filter(e -> e.getLocalName().equals("info")).findFirst().orElseThrow();
        assertThat(child(info, "onset")).isEqualTo("2026-12-02T00:00:00+08:00");
        assertThat(child(info, "expires")).isEqualTo("2026-12-05T00:00:00+08:00");
        assertThat(CapMessage.of(WARNING, 1, PROPERTIES)).doesNotContain("Z<").doesNotContain(".123");
    }

    @Test
    void levelsMapToSeverityAndTheAreaCarriesItsGeocode() throws Exception {
        Element alert = check(CapMessage.of(WARNING, 1, PROPERTIES));
        Element info = children(alert).stream().filter(e -> e.getLocalName().equals("info")).findFirst().orElseThrow();

        assertThat(child(info, "category")).isEqualTo("Env");
        assertThat(child(info, "language")).isEqualTo("zh-CN");
        assertThat(child(info, "event")).isEqualTo("重污染天气红色预警");
        assertThat(child(info, "severity")).isEqualTo("Extreme");
        assertThat(child(info, "description")).contains("<&>"); // escaped on the way out, intact on the way in
        Element area = children(info).stream().filter(e -> e.getLocalName().equals("area")).findFirst().orElseThrow();
        assertThat(child(area, "areaDesc")).isEqualTo("洛阳市孟津区");
        assertThat(area.getTextContent()).contains("GB/T 2260").contains("410308");

        Element update = check(CapMessage.of(WARNING, 2, PROPERTIES));
        Element updateInfo = children(update).stream().filter(e -> e.getLocalName().equals("info")).findFirst().orElseThrow();
        assertThat(child(updateInfo, "severity")).isEqualTo("Severe");
        Element cancel = check(CapMessage.of(WARNING, 3, PROPERTIES));
        Element cancelInfo = children(cancel).stream().filter(e -> e.getLocalName().equals("info")).findFirst().orElseThrow();
        assertThat(child(cancelInfo, "responseType")).isEqualTo("AllClear");
        assertThat(child(cancelInfo, "expires")).isNull();
    }
}
