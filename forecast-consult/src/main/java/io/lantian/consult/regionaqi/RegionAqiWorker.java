package io.lantian.consult.regionaqi;

import io.lantian.consult.AdvisoryLocks;
import io.lantian.common.aqi.Indicator;
import io.lantian.common.events.RegionAqiEvent;
import io.lantian.common.topics.Topics;
import io.lantian.consult.DueQueue;
import io.lantian.consult.QueueWorker;
import io.lantian.consult.WorkerTurns;
import io.lantian.consult.consultation.ConsultationService;
import io.lantian.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recomputes the region AQI of the district hours the {@link ReadingProcessor} queued ({@link RegionAqiQueue}), with
 * their townships', publishes them to {@code aq.region-aqi.v1} (through the outbox) and, when heavy pollution is
 * already observed in a district, asks the consultation for a proposal (warnings are a district's business: a
 * township's AQI never opens one; a region has at most one open proposal).
 *
 * <p>Coalesced: a district hour is recomputed once its oldest queued row has waited
 * {@code lantian.consult.region-aqi.recompute-delay}, and the claim takes every row of it queued so far — an hour's
 * readings arrive over seconds from many stations and partitions, and one recomputation (one event per area) covers
 * all that came within the delay, where one per consumer poll recomputed and published each area-hour many times.
 * One transaction per claim: the district hours' locks (so two replicas never recompute one hour at once, and
 * whoever holds the lock next reads every reading committed before), the figures, the events and the deletion of the
 * claimed rows; a failure leaves the rows for the next pass.
 */
@Component
class RegionAqiWorker extends QueueWorker<RegionAqiQueue.Due> {

    private static final Logger log = LoggerFactory.getLogger(RegionAqiWorker.class);
    private static final Comparator<ReadingStore.AreaHour> AREA_HOUR_ORDER = Comparator
            .comparing((ReadingStore.AreaHour a) -> a.area().district())
            .thenComparing(a -> a.area().township() == null ? "" : a.area().township())
            .thenComparing(ReadingStore.AreaHour::hour);

    private final JdbcClient jdbc;
    private final ReadingStore readings;
    private final ConsultationService consultation;
    private final ObservedPollutionRule rule;
    private final Outbox outbox;
    private final RegionAqiGauges gauges;

    RegionAqiWorker(TransactionTemplate tx, JdbcClient jdbc, RegionAqiQueue queue, ReadingStore readings,
                    ConsultationService consultation, ObservedPollutionRule rule, Outbox outbox, RegionAqiGauges gauges,
                    @Value("${lantian.consult.region-aqi.recompute-delay:2s}") Duration delay,
                    @Value("${lantian.consult.region-aqi.recompute-batch-size:200}") int batchSize,
                    WorkerTurns turns, MeterRegistry meters) {
        super("region-aqi-worker", queue.queue(), delay, batchSize, tx, turns, "lantian.region.aqi.recompute",
                "a district hour's region AQI recomputation", meters);
        this.jdbc = jdbc;
        this.readings = readings;
        this.consultation = consultation;
        this.rule = rule;
        this.outbox = outbox;
        this.gauges = gauges;
    }

    /** Claimed district hours recomputed and published, in the transaction that claimed them. */
    @Override
    protected void work(List<DueQueue.Claimed<RegionAqiQueue.Due>> claimed) {
        Set<ReadingStore.AreaHour> districtHours = new TreeSet<>(AREA_HOUR_ORDER);
        Set<ReadingStore.AreaHour> areaHours = new TreeSet<>(AREA_HOUR_ORDER);
        for (DueQueue.Claimed<RegionAqiQueue.Due> row : claimed) {
            RegionAqiQueue.Due due = row.due();
            districtHours.add(new ReadingStore.AreaHour(Area.district(due.district()), due.hourEnd()));
            due.townships().forEach(t -> areaHours.add(new ReadingStore.AreaHour(Area.township(due.district(), t), due.hourEnd())));
        }
        areaHours.addAll(districtHours);
        lock(districtHours);

        // read after the locks: the readings of every claimed row are committed (rows and readings commit together),
        // and a reading that comes later queues a row of its own
        Map<ReadingStore.AreaHour, ReadingStore.AreaHourMeans> figures = readings.hourFigures(areaHours);
        List<RegionAqiEvent> events = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (ReadingStore.AreaHour areaHour : areaHours) {
            ReadingStore.AreaHourMeans f = figures.get(areaHour);
            if (f.stations() == 0) {
                continue; // a township whose stations the registry has since moved elsewhere: nothing to publish
            }
            Area area = areaHour.area();
            RegionHourAqi regionAqi = RegionHourAqi.of(area.id(), areaHour.hour(), f.means());
            log.debug("{}", regionAqi.describe());
            Map<String, Integer> iaqi = new LinkedHashMap<>();
            regionAqi.result().subIndices().stream().filter(sub -> sub.value().isPresent())
                    .forEach(sub -> iaqi.put(sub.indicator().key(), sub.value().getAsInt()));
            events.add(new RegionAqiEvent(area.id(), areaHour.hour(), regionAqi.result().standard().code(), regionAqi.aqi(), iaqi,
                    regionAqi.result().primaryPollutants().stream().map(Indicator::key).toList(),
                    f.stations(), now, area.scope(), area.township()));
            gauges.show(area, areaHour.hour(), regionAqi.aqi(), iaqi);
            if (area.township() == null && rule.enabled() && regionAqi.aqi() > rule.aboveAqi()) {
                consultation.onObservedPollution(area.district(), rule.level(),
                        "observed: real-time AQI above " + rule.aboveAqi() + "; " + regionAqi.describe());
            }
        }
        outbox.appendAll(Topics.REGION_AQI, events, RegionAqiEvent::regionId);
    }

    /** The district hours' locks, all in one statement and in one order (by the lock's key). */
    private void lock(Set<ReadingStore.AreaHour> districtHours) {
        List<String> keys = districtHours.stream().map(a -> a.area().district() + "/" + a.hour()).toList();
        AdvisoryLocks.lockAll(jdbc, "region-aqi", keys);
    }
}
