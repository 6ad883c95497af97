package io.lantian.dispatch.enterprise;

import io.lantian.common.json.EventJson;
import io.lantian.platform.problem.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for enterprise POSTs: the first successful answer for a key is stored with a hash of
 * the request and replayed for a repeat; the same key with a different request is refused (422). The answer
 * and the state change commit together, so a crash never leaves one without the other. Failed requests are
 * not stored: the enterprise may fix and retry them under the same key.
 */
@Component
class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    IdempotentRequests(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    private record Stored(String requestHash, int status, String response) {
    }

    ResponseEntity<String> execute(String enterpriseId, String key, String request, Supplier<Object> action) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Bad Request",
                    "send an " + HEADER + " header (1-255 characters) with every acknowledgement");
        }
        String hash = sha256(request);
        Optional<ResponseEntity<String>> replay = replay(enterpriseId, key, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        ApiProblem[] refused = new ApiProblem[1];
        try {
            ResponseEntity<String> answer = tx.execute(status -> {
                Object result;
                try {
                    result = action.get();
                } catch (ApiProblem problem) {
                    // commit what the refusal recorded (e.g. a stale-revision answer), but store no answer
                    refused[0] = problem;
                    return null;
                }
                String body = EventJson.mapper().writeValueAsString(result);
                jdbc.sql("insert into idempotent_request (enterprise_id, idempotency_key, request_hash, status, response) values (?, ?, ?, ?, ?)")
                        .params(enterpriseId, key, hash, 200, body).update();
                return json(200, body);
            });
            if (refused[0] != null) {
                throw refused[0];
            }
            return answer;
        } catch (DuplicateKeyException concurrentTwin) {
            // the same key arrived twice at once; the other one won and its answer is the answer
            return replay(enterpriseId, key, hash).orElseThrow(() -> concurrentTwin);
        }
    }

    private Optional<ResponseEntity<String>> replay(String enterpriseId, String key, String hash) {
        return jdbc.sql("select request_hash, status, response from idempotent_request where enterprise_id = ? and idempotency_key = ?")
                .params(enterpriseId, key).query(Stored.class).optional()
                .map(stored -> {
                    if (!stored.requestHash().equals(hash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Unprocessable Content",
                                "this " + HEADER + " was used for a different request");
                    }
                    return json(stored.status(), stored.response());
                });
    }

    private static ResponseEntity<String> json(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
