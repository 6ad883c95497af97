package io.lantian.consult.cap;

import io.lantian.consult.ConsultTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Element;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The public CAP feed over real HTTP, for a warning that is issued, adjusted and lifted. */
class CapFeedTest extends ConsultTestSupport {

    @LocalServerPort
    int port;

    @Test
    void everyRevisionIsACapMessageInTheFeed() throws Exception {
        ApiClient api = ApiClient.onPort(port);
        String region = "region-" + UUID.randomUUID();
        String warningId = api.postJson("/api/v1/warnings", TestTokens.officer(), "{\"regionId\":\"" + region
                + "\",\"level\":\"YELLOW\",\"reason\":\"省厅通知\"}").json().get("warningId").asString();
        assertThat(api.postJson("/api/v1/warnings/" + warningId + "/adjust", TestTokens.officer(),
                "{\"level\":\"ORANGE\",\"reason\":\"升级\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/warnings/" + warningId + "/lift", TestTokens.officer(),
                "{\"reason\":\"解除\"}").status()).isEqualTo(200);

        var feed = api.get("/api/v1/cap/warnings", null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).startsWith("application/atom+xml");
        for (int r = 1; r <= 3; r++) {
            assertThat(feed.body()).contains("/api/v1/cap/warnings/" + warningId + "-r" + r + ".xml");
        }

        var first = api.get("/api/v1/cap/warnings/" + warningId + "-r1.xml", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/cap+xml");
        Element alert = CapMessageTest.check(first.body());
        Element update = CapMessageTest.check(api.get("/api/v1/cap/warnings/" + warningId + "-r2.xml", null).body());
        Element latest = CapMessageTest.check(api.get("/api/v1/cap/warnings/" + warningId + ".xml", null).body());

        assertThat(CapMessageTest.child(alert, "msgType")).isEqualTo("Alert");
        assertThat(CapMessageTest.child(update, "msgType")).isEqualTo("Update");
        assertThat(CapMessageTest.child(latest, "msgType")).isEqualTo("Cancel");
        assertThat(CapMessageTest.child(latest, "references")).isEqualTo(String.join(",",
                CapMessageTest.child(update, "sender"), CapMessageTest.child(update, "identifier"),
                CapMessageTest.child(update, "sent")));
        assertThat(first.body()).contains("<areaDesc>" + region + "</areaDesc>");

        assertThat(api.get("/api/v1/cap/warnings/" + warningId + "-r9.xml", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cap/warnings/nonsense.xml", null).status()).isEqualTo(404);
    }
}
