package io.lantian.consult.forecast;

import io.lantian.common.events.ForecastIssued;
import io.lantian.common.json.EventJson;
import io.lantian.common.topics.Topics;
import io.lantian.consult.consultation.ConsultationService;
import io.lantian.consult.consultation.Proposal;
import io.lantian.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keeps every forecast, publishes it to {@code aq.forecasts.v1} and hands it to the consultation — one transaction. */
@Service
public class ForecastService {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ConsultationService consultation;

    ForecastService(JdbcClient jdbc, Outbox outbox, ConsultationService consultation) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.consultation = consultation;
    }

    public record Received(ForecastIssued forecast, Proposal proposal) {
    }

    @Transactional
    public Received receive(ForecastIssued forecast) {
        jdbc.sql("insert into forecast (forecast_id, region_id, issued_at, issued_by, source, payload) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.fromString(forecast.forecastId()), forecast.regionId(), Timestamp.from(forecast.issuedAt()),
                        forecast.issuedBy(), forecast.source(), EventJson.mapper().writeValueAsString(forecast))
                .update();
        outbox.append(Topics.FORECASTS, forecast.regionId(), forecast);
        Optional<Proposal> proposal = consultation.onForecast(forecast);
        return new Received(forecast, proposal.orElse(null));
    }

    @Transactional(readOnly = true)
    public List<ForecastIssued> latest(String regionId, int limit) {
        return jdbc.sql("select payload from forecast where (cast(:region as text) is null or region_id = :region)"
                        + " order by issued_at desc, received_at desc limit :limit")
                .param("region", regionId).param("limit", limit)
                .query((rs, n) -> EventJson.mapper().readValue(rs.getString("payload"), ForecastIssued.class))
                .list();
    }
}
