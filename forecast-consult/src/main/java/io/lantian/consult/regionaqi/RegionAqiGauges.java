package io.lantian.consult.regionaqi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each area's latest hour as gauges: {@code lantian_region_aqi{region, scope}} and one
 * {@code lantian_region_iaqi{region, scope, indicator}} per indicator. Districts and townships are few (tens to
 * hundreds): fine as tags, unlike stations. An indicator the latest hour has no sub-index for shows NaN rather
 * than an older hour's value.
 */
@Component
class RegionAqiGauges {

    private record Latest(Instant hour, int aqi, Map<String, Integer> iaqi) {
    }

    private final MeterRegistry meters;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    RegionAqiGauges(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Shows the hour when it is the area's newest so far (late hours and corrections of older ones do not). */
    void show(Area area, Instant hour, int aqi, Map<String, Integer> iaqi) {
        String id = area.id();
        Latest now = latest.merge(id, new Latest(hour, aqi, Map.copyOf(iaqi)),
                (old, update) -> update.hour().isBefore(old.hour()) ? old : update);
        Tags tags = Tags.of("region", id, "scope", area.scope().name());
        registered.computeIfAbsent(id, k -> {
            Gauge.builder("lantian_region_aqi", latest, m -> m.get(id).aqi()).tags(tags)
                    .description("real-time AQI of the area's latest hour").register(meters);
            return true;
        });
        for (String indicator : now.iaqi().keySet()) {
            registered.computeIfAbsent(id + "\n" + indicator, k -> {
                Gauge.builder("lantian.region.iaqi", latest, m -> {
                            Integer value = m.get(id).iaqi().get(indicator);
                            return value == null ? Double.NaN : value;
                        }).tags(tags.and("indicator", indicator))
                        .description("sub-index (IAQI) of one indicator in the area's latest hour").register(meters);
                return true;
            });
        }
    }
}
