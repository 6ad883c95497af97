package io.lantian.dispatch.delivery;

import io.lantian.common.json.EventJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our signatures checked by the reference TypeScript library of the spec (npm {@code standardwebhooks}),
 * run with node. Needs node and npm and the npm registry (or npm's cache); without them the test is skipped,
 * and {@link WebhookSignatureTest} still checks against an independent verifier.
 */
class WebhookSignatureNodeTest {

    static final String PACKAGE = "standardwebhooks@1.1.1";
    static final Path DIR = Path.of("target", "standardwebhooks-node");

    static final String SCRIPT = """
            const { Webhook } = require("standardwebhooks");
            let input = "";
            process.stdin.on("data", c => input += c);
            process.stdin.on("end", () => {
              const { payload, headers, secrets } = JSON.parse(input);
              const results = secrets.map(secret => {
                try { return { ok: true, type: new Webhook(secret).verify(payload, headers).type }; }
                catch (e) { return { ok: false, error: e.message }; }
              });
              process.stdout.write(JSON.stringify(results));
            });
            """;

    @BeforeAll
    static void installReferenceLibrary() throws Exception {
        Files.createDirectories(DIR);
        if (!Files.isDirectory(DIR.resolve("node_modules/standardwebhooks"))) {
            Run npm = run(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund", "--no-save",
                    "--no-package-lock", "--prefer-offline", PACKAGE), "");
            assumeTrue(npm.exit() == 0, () -> "npm could not install " + PACKAGE + ": " + npm.output());
        }
        Files.writeString(DIR.resolve("verify.js"), SCRIPT);
    }

    record Run(int exit, String output) {
    }

    static Run run(List<String> command, String stdin) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "timed out: " + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException notInstalled) {
            return new Run(-1, notInstalled.getMessage());
        }
    }

    @Test
    void theReferenceLibraryVerifiesOurSignaturesWithEitherRotatingSecret() throws Exception {
        String old = WebhookSecret.generate();
        String next = WebhookSecret.generate();
        String orderId = UUID.randomUUID().toString();
        WebhookMessage message = WebhookMessage.forOrder(orderId, UUID.randomUUID().toString(), 2, "91410308MA9F0001K3",
                "mengjin", "ORANGE", "MANDATORY", List.of("烧结工序停产", "物料运输车辆停止上路"), Instant.now(), false,
                "https://dispatch.example", Instant.now());
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of("webhook-id", message.id(), "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.signature(message.id(), timestamp, message.body(),
                        WebhookSecret.parseAll(old + " " + next)));
        String input = EventJson.mapper().writeValueAsString(Map.of("payload", message.body(), "headers", headers,
                "secrets", List.of(old, next, WebhookSecret.generate())));

        Run node = run(List.of("node", DIR.resolve("verify.js").toString()), input);
        assumeTrue(node.exit() != -1, () -> "node is not available: " + node.output());

        assertThat(node.exit()).as(node.output()).isZero();
        JsonNode results = EventJson.mapper().readTree(node.output());
        assertThat(results.get(0).get("ok").asBoolean()).as("old secret: " + results.get(0)).isTrue();
        assertThat(results.get(0).get("type").asString()).isEqualTo("order.revised");
        assertThat(results.get(1).get("ok").asBoolean()).as("new secret: " + results.get(1)).isTrue();
        assertThat(results.get(2).get("ok").asBoolean()).as("an unrelated secret").isFalse();
        assertThat(results.get(2).get("error").asString()).isEqualTo("No matching signature found");
    }
}
