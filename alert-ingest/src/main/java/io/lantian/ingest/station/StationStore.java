package io.lantian.ingest.station;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The station registry in PostgreSQL (schema {@code ingest}), shared by every replica. */
@Repository
class StationStore {

    private static final TypeReference<Set<Pollutant>> POLLUTANTS = new TypeReference<>() { };
    private static final TypeReference<Map<Pollutant, MassConcentration>> UNITS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    StationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All or none: one transaction. */
    @Transactional
    void upsertAll(List<Station> stations) {
        stations.forEach(this::upsert);
    }

    void upsert(Station s) {
        Map<String, String> units = new LinkedHashMap<>();
        s.units().forEach((p, u) -> units.put(p.name(), u.name()));
        jdbc.sql("""
                        insert into station (station_id, name, station_class, region_id, township, latitude, longitude,
                                             pollutants, demo, hj212_mn, hj212_password_hash, units, updated_at)
                        values (:id, :name, :class, :region, :township, :lat, :lon, :pollutants, :demo, :mn, :hash, :units, now())
                        on conflict (station_id) do update set name = excluded.name, station_class = excluded.station_class,
                          region_id = excluded.region_id, township = excluded.township, latitude = excluded.latitude,
                          longitude = excluded.longitude, pollutants = excluded.pollutants, demo = excluded.demo,
                          hj212_mn = excluded.hj212_mn, hj212_password_hash = excluded.hj212_password_hash,
                          units = excluded.units, updated_at = now()""")
                .param("id", s.stationId()).param("name", s.name()).param("class", s.stationClass().name())
                .param("region", s.regionId()).param("township", s.township())
                .param("lat", s.latitude()).param("lon", s.longitude())
                .param("pollutants", EventJson.mapper().writeValueAsString(s.pollutants().stream().sorted().toList()))
                .param("demo", s.demo()).param("mn", s.hj212Mn()).param("hash", s.hj212PasswordHash())
                .param("units", EventJson.mapper().writeValueAsString(units))
                .update();
    }

    List<Station> all() {
        return jdbc.sql("select * from station order by station_id").query(StationStore::station).list();
    }

    private static Station station(ResultSet rs, int row) throws SQLException {
        Map<Pollutant, MassConcentration> units = new EnumMap<>(Pollutant.class);
        units.putAll(EventJson.mapper().readValue(rs.getString("units"), UNITS));
        return new Station(rs.getString("station_id"), rs.getString("name"),
                StationClass.valueOf(rs.getString("station_class")), rs.getString("region_id"), rs.getString("township"),
                rs.getDouble("latitude"), rs.getDouble("longitude"),
                EventJson.mapper().readValue(rs.getString("pollutants"), POLLUTANTS), rs.getBoolean("demo"),
                rs.getString("hj212_mn"), rs.getString("hj212_password_hash"), units);
    }
}
