package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The reduction list in PostgreSQL. */
@Repository
public class ReductionListStore {

    private final JdbcClient jdbc;

    ReductionListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or replaces each enterprise and its measures; enterprises not in the list are left alone. */
    @Transactional
    public void upsert(ReductionList list) {
        for (ListedEnterprise e : list.enterprises()) {
            jdbc.sql("""
                            insert into enterprise (enterprise_id, name, region_id, township, industry, grade, list_year, demo)
                            values (?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (enterprise_id) do update set name = excluded.name, region_id = excluded.region_id,
                              township = excluded.township, industry = excluded.industry, grade = excluded.grade,
                              list_year = excluded.list_year, demo = excluded.demo, updated_at = now()""")
                    .params(e.enterpriseId(), e.name(), e.regionId(), e.township(), e.industry(), e.grade(), list.year(), list.demo())
                    .update();
            jdbc.sql("delete from enterprise_measure where enterprise_id = ?").param(e.enterpriseId()).update();
            e.measures().forEach((level, measures) -> {
                for (int i = 0; i < measures.size(); i++) {
                    jdbc.sql("insert into enterprise_measure (enterprise_id, level, position, measure) values (?, ?, ?, ?)")
                            .params(e.enterpriseId(), level.name(), i, measures.get(i))
                            .update();
                }
            });
        }
    }

    /** The listed enterprises of a region with their measures. */
    public List<ListedEnterprise> inRegion(String regionId) {
        List<ListedEnterprise> result = new ArrayList<>();
        jdbc.sql("select enterprise_id, name, region_id, township, industry, grade from enterprise where region_id = ? order by enterprise_id")
                .param(regionId)
                .query((rs, n) -> result.add(new ListedEnterprise(rs.getString("enterprise_id"), rs.getString("name"),
                        rs.getString("region_id"), rs.getString("township"), rs.getString("industry"),
                        rs.getString("grade"), measuresOf(rs.getString("enterprise_id")))))
                .list();
        return result;
    }

    private Map<WarningLevel, List<String>> measuresOf(String enterpriseId) {
        Map<WarningLevel, List<String>> measures = new EnumMap<>(WarningLevel.class);
        jdbc.sql("select level, measure from enterprise_measure where enterprise_id = ? order by level, position")
                .param(enterpriseId)
                .query((rs, n) -> measures.computeIfAbsent(WarningLevel.valueOf(rs.getString("level")), l -> new ArrayList<>())
                        .add(rs.getString("measure")))
                .list();
        return measures;
    }
}
