package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.pollutant.Pollutant;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What one alert is about: a station, a rule, a pollutant. At most one alert per key is open at a time.
 * An alert's id adds the start of its episode, so re-evaluating the same hours — a re-delivered reading, a
 * restart, another replica — lands on the same id and is deduplicated.
 */
public record AlertKey(String stationId, Rule rule, Pollutant pollutant) {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    /**
     * {@code MJ-T-CG:THRESHOLD:PM2_5:20261129T0700Z}. Station ids are {@code [A-Za-z0-9._-]}, so ':' separates
     * unambiguously and the id can stand in a URL path as it is.
     */
    public String alertId(Instant episodeStart) {
        return stationId + ":" + rule + ":" + pollutant + ":" + HOUR.format(episodeStart);
    }
}
