package io.lantian.consult.alert;

import io.lantian.platform.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maintenance windows of stations. A silence changes the status of the hours judged while it covers them; it
 * does not rewrite alerts already decided. Nothing is deleted: a DELETE ends the silence and records who did it.
 */
@Service
public class Silences {

    private static final String COLUMNS = "silence_id, station_id, starts_at, ends_at, reason, created_by, created_at, deleted_by, deleted_at";

    private final JdbcClient jdbc;
    private final AlertSettings settings;

    Silences(JdbcClient jdbc, AlertSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Transactional
    public Silence create(String stationId, Instant from, Instant to, String reason, String createdBy) {
        if (!to.isAfter(from)) {
            throw invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(settings.maxSilence()) > 0) {
            // a silence of months would hide a broken station for good; set a new one when the work goes on
            throw invalid("to", "a silence lasts at most " + settings.maxSilence());
        }
        Silence silence = new Silence(UUID.randomUUID(), stationId, from, to, reason, createdBy, now(), null, null);
        jdbc.sql("insert into station_silence (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, null, null)")
                .params(silence.silenceId(), stationId, Timestamp.from(from), Timestamp.from(to), reason, createdBy,
                        Timestamp.from(silence.createdAt()))
                .update();
        return find(silence.silenceId()).orElseThrow(); // as stored (PostgreSQL keeps microseconds)
    }

    /** Ends the silence now; a second DELETE changes nothing. */
    @Transactional
    public Silence delete(UUID silenceId, String deletedBy) {
        jdbc.sql("update station_silence set deleted_by = ?, deleted_at = ? where silence_id = ? and deleted_at is null")
                .params(deletedBy, Timestamp.from(now()), silenceId).update();
        return find(silenceId).orElseThrow(() -> ApiProblem.notFound("no silence " + silenceId));
    }

    @Transactional(readOnly = true)
    public Optional<Silence> find(UUID silenceId) {
        return jdbc.sql("select " + COLUMNS + " from station_silence where silence_id = ?")
                .param(silenceId).query(Silences::silence).optional();
    }

    /** Newest first, deleted ones included (they are the record of who ended what). */
    @Transactional(readOnly = true)
    public List<Silence> list(String stationId) {
        return jdbc.sql("select " + COLUMNS + " from station_silence where (cast(:station as text) is null or station_id = :station)"
                        + " order by starts_at desc, silence_id limit 500")
                .param("station", stationId).query(Silences::silence).list();
    }

    /** The silences of these stations, by station (the evaluator picks the ones covering an hour). */
    Map<String, List<Silence>> ofStations(Collection<String> stationIds) {
        if (stationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + COLUMNS + " from station_silence where station_id = any(?::text[])")
                .param(stationIds.toArray(String[]::new)).query(Silences::silence).list().stream()
                .collect(Collectors.groupingBy(Silence::stationId));
    }

    private static Silence silence(ResultSet rs, int row) throws SQLException {
        Timestamp deletedAt = rs.getTimestamp("deleted_at");
        return new Silence(rs.getObject("silence_id", UUID.class), rs.getString("station_id"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("deleted_by"),
                deletedAt == null ? null : deletedAt.toInstant());
    }

    private static ApiProblem invalid(String field, String message) {
        ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", "The request has 1 invalid field(s).");
        problem.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
