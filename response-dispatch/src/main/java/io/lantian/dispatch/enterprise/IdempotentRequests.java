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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
        requireKey(key);
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

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "idempotency-key-missing", "Bad Request",
                    "send an " + HEADER + " header (1-255 characters) with every acknowledgement");
        }
    }

    /** The stored answer for this key (422 if it was stored for a different request), outside any transaction. */
    Optional<ResponseEntity<String>> replay(String enterpriseId, String key, String hash) {
        return jdbc.sql("select request_hash, status, response from idempotent_request where enterprise_id = ? and idempotency_key = ?")
                .params(enterpriseId, key).query(Stored.class).optional()
                .map(stored -> replayOf(stored, hash));
    }

    private static ResponseEntity<String> replayOf(Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Unprocessable Content",
                    "this " + HEADER + " was used for a different request");
        }
        return json(stored.status(), stored.response());
    }

    /** A key of one enterprise, and the hash of the request it comes with (batches of requests, {@link AckBatcher}). */
    record Keyed(String enterpriseId, String key, String hash) {
    }

    /**
     * {@link #replay} for many keys in one query, in the caller's transaction: for each key that has an answer,
     * what a repeat gets — the stored answer, or the 422 refusal as an exception to throw.
     */
    Map<Keyed, Supplier<ResponseEntity<String>>> storedAll(List<Keyed> keys) {
        Map<List<String>, Stored> stored = new HashMap<>();
        jdbc.sql("""
                        select r.enterprise_id, r.idempotency_key, r.request_hash, r.status, r.response
                        from idempotent_request r join unnest(?::text[], ?::text[]) as k(enterprise_id, idempotency_key)
                          on r.enterprise_id = k.enterprise_id and r.idempotency_key = k.idempotency_key""")
                .params(keys.stream().map(Keyed::enterpriseId).toArray(String[]::new),
                        keys.stream().map(Keyed::key).toArray(String[]::new))
                .query((rs, n) -> stored.put(List.of(rs.getString("enterprise_id"), rs.getString("idempotency_key")),
                        new Stored(rs.getString("request_hash"), rs.getInt("status"), rs.getString("response"))))
                .list();
        Map<Keyed, Supplier<ResponseEntity<String>>> replays = new HashMap<>();
        for (Keyed key : keys) {
            Stored answer = stored.get(List.of(key.enterpriseId(), key.key()));
            if (answer != null) {
                replays.put(key, () -> replayOf(answer, key.hash()));
            }
        }
        return replays;
    }

    /**
     * Stores the 200 answers of many requests in one INSERT, in the caller's transaction. A key stored meanwhile
     * by another transaction fails the whole statement (duplicate key), as it would one request.
     *
     * @return the answers as {@link #execute} returns them, in the order given
     */
    List<ResponseEntity<String>> storeAll(List<Keyed> keys, List<Object> results) {
        List<String> bodies = results.stream().map(result -> EventJson.mapper().writeValueAsString(result)).toList();
        if (!keys.isEmpty()) {
            jdbc.sql("""
                            insert into idempotent_request (enterprise_id, idempotency_key, request_hash, status, response)
                            select enterprise_id, idempotency_key, request_hash, 200, response
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as a(enterprise_id, idempotency_key, request_hash, response)""")
                    .params(keys.stream().map(Keyed::enterpriseId).toArray(String[]::new),
                            keys.stream().map(Keyed::key).toArray(String[]::new),
                            keys.stream().map(Keyed::hash).toArray(String[]::new),
                            bodies.toArray(String[]::new))
                    .update();
        }
        return bodies.stream().map(body -> json(200, body)).toList();
    }

    private static ResponseEntity<String> json(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
