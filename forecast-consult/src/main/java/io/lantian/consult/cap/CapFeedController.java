package io.lantian.consult.cap;

import io.lantian.consult.warning.Warning;
import io.lantian.consult.warning.WarningService;
import io.lantian.platform.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public CAP 1.2 feed: an Atom feed with one entry per warning revision, each linking to its CAP
 * message. Warnings are public information, so the feed needs no token (like the public warning platforms
 * that read it).
 */
@RestController
class CapFeedController {

    static final MediaType CAP = MediaType.parseMediaType("application/cap+xml;charset=UTF-8");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    private static final Pattern REVISION_ID = Pattern.compile("([0-9a-fA-F-]{36})(?:-r(\\d{1,6}))?");

    private final WarningService warnings;
    private final CapProperties properties;

    CapFeedController(WarningService warnings, CapProperties properties) {
        this.warnings = warnings;
        this.properties = properties;
    }

    @Operation(summary = "Atom feed of CAP messages, one per warning revision, newest first (public)")
    @GetMapping("/api/v1/cap/warnings")
    ResponseEntity<String> feed() throws XMLStreamException {
        List<Warning> recent = warnings.list(null, null, null, null);
        record Entry(Warning warning, Warning.Revision revision) {
        }
        List<Entry> entries = recent.stream()
                .flatMap(w -> w.history().stream().map(r -> new Entry(w, r)))
                .sorted(Comparator.comparing((Entry e) -> e.revision().occurredAt()).reversed())
                .toList();
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/cap/warnings").toUriString();
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        text(xml, "id", "urn:lantian:cap:" + properties.sender());
        text(xml, "title", properties.senderName() + " 重污染天气预警");
        text(xml, "updated", entries.isEmpty() ? Instant.EPOCH.toString() : entries.get(0).revision().occurredAt().toString());
        link(xml, "self", base, "application/atom+xml");
        xml.writeStartElement("author");
        text(xml, "name", properties.senderName());
        xml.writeEndElement();
        for (Entry e : entries) {
            String id = e.warning().warningId() + "-r" + e.revision().revision();
            xml.writeStartElement("entry");
            text(xml, "id", "urn:lantian:cap:" + CapMessage.identifier(e.warning().warningId(), e.revision().revision()));
            text(xml, "title", properties.region(e.warning().regionId()).name() + " "
                    + CapMessage.LevelText.of(e.revision().level()).event() + " (" + e.revision().action() + ")");
            text(xml, "updated", e.revision().occurredAt().toString());
            link(xml, "alternate", base + "/" + id + ".xml", "application/cap+xml");
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM).body(out.toString());
    }

    @Operation(summary = "One CAP message: {warningId} for the latest revision, {warningId}-r{n} for revision n (public)")
    @GetMapping("/api/v1/cap/warnings/{id}.xml")
    ResponseEntity<String> message(@PathVariable String id) {
        Matcher m = REVISION_ID.matcher(id);
        if (!m.matches()) {
            throw ApiProblem.notFound("no CAP message " + id);
        }
        Warning warning = warnings.find(UUID.fromString(m.group(1)))
                .orElseThrow(() -> ApiProblem.notFound("no warning " + m.group(1)));
        int revision = m.group(2) == null ? warning.revision() : Integer.parseInt(m.group(2));
        if (revision < 1 || revision > warning.history().size()) {
            throw ApiProblem.notFound("warning " + warning.warningId() + " has no revision " + revision);
        }
        return ResponseEntity.ok().contentType(CAP).body(CapMessage.of(warning, revision, properties));
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }
}
