package io.lantian.dispatch.notify;

import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP client of the robot and webhook channels: JSON POSTs with the configured timeouts, no redirects
 * (a redirect could carry the message elsewhere). Failures come back as text that never holds the URL,
 * which carries the robot's key.
 */
@Component
class NotifyHttp {

    static final String USER_AGENT = "Lantian-Notify/1";
    private static final int BODY_CHARS = 2000;

    private final HttpClient http;
    private final NotifyProperties properties;

    NotifyHttp(NotifyProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** An answer (any status), or why there was none. */
    record Answer(int status, String body, String failure) {

        boolean answered() {
            return failure == null;
        }
    }

    Answer postJson(String url, Map<String, String> headers, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body() == null ? "" : response.body();
            return new Answer(response.statusCode(), body.length() > BODY_CHARS ? body.substring(0, BODY_CHARS) : body, null);
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, "interrupted");
        } catch (Exception e) {
            // exception messages of the JDK client name the host at most; the URL (with its key) is not quoted
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().replace(url, "<url>");
            return new Answer(0, null, e.getClass().getSimpleName() + message);
        }
    }
}
