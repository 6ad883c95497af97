package io.lantian.consult.regionaqi;

import io.lantian.common.events.RegionAqiEvent.Scope;

import java.util.Objects;

/**
 * An area the AQI is rolled up for: a district (the stations' {@code regionId}) or a township within it (the
 * stations' {@code township} on {@code aq.stations.v1}). A township's id is {@code <district>/<township>}: township
 * names repeat across districts, and a district id never holds a '/' (the station registry allows only letters,
 * digits, '.', '_' and '-'), so the two kinds of id never collide.
 */
public record Area(String district, String township) {

    public Area {
        Objects.requireNonNull(district, "district");
    }

    public static Area district(String district) {
        return new Area(district, null);
    }

    public static Area township(String district, String township) {
        return new Area(district, Objects.requireNonNull(township, "township"));
    }

    public String id() {
        return township == null ? district : district + "/" + township;
    }

    public Scope scope() {
        return township == null ? Scope.DISTRICT : Scope.TOWNSHIP;
    }
}
