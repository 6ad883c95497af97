package io.lantian.consult.cap;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * What the CAP feed says about its sender and the regions it covers.
 *
 * @param sender     CAP {@code sender}: globally unique, no spaces, commas, '&lt;' or '&amp;'
 * @param senderName the issuing authority as the public reads it
 * @param regions    region id → name and GB/T 2260 code (regions not listed are described by their id)
 */
@ConfigurationProperties("lantian.consult.cap")
public record CapProperties(String sender, String senderName, Map<String, Region> regions) {

    public CapProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public record Region(String name, String geocode) {
    }

    public Region region(String regionId) {
        return regions.getOrDefault(regionId, new Region(regionId, null));
    }
}
