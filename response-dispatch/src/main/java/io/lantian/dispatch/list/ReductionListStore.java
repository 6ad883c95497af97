package io.lantian.dispatch.list;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reduction list in PostgreSQL. The list in force is the latest year imported; an import replaces that
 * year's list as a whole, in one transaction. Enterprises dropped from it stay in the database (their past
 * orders refer to them) but receive no new orders.
 */
@Repository
public class ReductionListStore {

    private final JdbcClient jdbc;
    private final StoredWebhookSecrets secrets;

    ReductionListStore(JdbcClient jdbc, StoredWebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Replaces the year's list. The caller has validated it ({@link ReductionListValidator}). */
    @Transactional
    public void replace(ReductionList list, String importedBy, String source) {
        jdbc.sql("""
                        insert into reduction_list (year, imported_by, source, demo) values (?, ?, ?, ?)
                        on conflict (year) do update set imported_at = now(), imported_by = excluded.imported_by,
                          source = excluded.source, demo = excluded.demo""")
                .params(list.year(), importedBy, source, list.demo()).update();
        jdbc.sql("update enterprise set list_year = 0 where list_year = ?").param(list.year()).update();
        for (ListedEnterprise e : list.enterprises()) {
            upsert(e, list.year(), list.demo());
        }
    }

    /** Adds or replaces one enterprise of an imported year's list (validated by the caller). */
    @Transactional
    public boolean putEnterprise(int year, ListedEnterprise e) {
        Boolean demo = jdbc.sql("select demo from reduction_list where year = ?").param(year).query(Boolean.class).optional().orElse(null);
        if (demo == null) {
            return false;
        }
        upsert(e, year, demo);
        return true;
    }

    private void upsert(ListedEnterprise e, int year, boolean demo) {
        ListedEnterprise.Emissions b = e.baseline() == null ? ListedEnterprise.Emissions.NONE : e.baseline();
        ListedEnterprise.Delivery d = e.delivery();
        jdbc.sql("""
                        insert into enterprise (enterprise_id, name, region_id, township, industry, grade, list_year, demo,
                          exemption, exempt_up_to, baseline_so2, baseline_nox, baseline_pm, baseline_vocs, contact_name,
                          contact_phone, delivery_mode, webhook_url, webhook_secrets, updated_at)
                        values (:id, :name, :region, :township, :industry, :grade, :year, :demo, :exemption, :upTo,
                          :so2, :nox, :pm, :vocs, :contact, :phone, :mode, :url, :secrets, now())
                        on conflict (enterprise_id) do update set name = excluded.name, region_id = excluded.region_id,
                          township = excluded.township, industry = excluded.industry, grade = excluded.grade,
                          list_year = excluded.list_year, demo = excluded.demo, exemption = excluded.exemption,
                          exempt_up_to = excluded.exempt_up_to, baseline_so2 = excluded.baseline_so2,
                          baseline_nox = excluded.baseline_nox, baseline_pm = excluded.baseline_pm,
                          baseline_vocs = excluded.baseline_vocs, contact_name = excluded.contact_name,
                          contact_phone = excluded.contact_phone, delivery_mode = excluded.delivery_mode,
                          webhook_url = excluded.webhook_url, webhook_secrets = excluded.webhook_secrets, updated_at = now()""")
                .param("id", e.enterpriseId()).param("name", e.name()).param("region", e.regionId())
                .param("township", e.township()).param("industry", e.industry()).param("grade", e.grade())
                .param("year", year).param("demo", demo).param("exemption", e.exemption())
                .param("upTo", e.exemptUpTo() == null ? null : e.exemptUpTo().name())
                .param("so2", b.so2()).param("nox", b.nox()).param("pm", b.pm()).param("vocs", b.vocs())
                .param("contact", e.contact() == null ? null : e.contact().name())
                .param("phone", e.contact() == null ? null : e.contact().phone())
                .param("mode", d == null || d.mode() == null ? "PULL" : d.mode())
                .param("url", d == null ? null : d.webhookUrl())
                .param("secrets", secrets.seal(d == null ? null : d.webhookSecrets()))
                .update();
        jdbc.sql("delete from enterprise_measure where enterprise_id = ?").param(e.enterpriseId()).update();
        jdbc.sql("delete from production_line where enterprise_id = ?").param(e.enterpriseId()).update();
        for (ListedEnterprise.Line line : e.lines()) {
            jdbc.sql("insert into production_line (enterprise_id, line_id, name) values (?, ?, ?)")
                    .params(e.enterpriseId(), line.lineId(), line.name()).update();
        }
        e.measures().forEach((level, measures) -> {
            for (int i = 0; i < measures.size(); i++) {
                ListedEnterprise.Measure m = measures.get(i);
                ListedEnterprise.Emissions r = m.reduction() == null ? ListedEnterprise.Emissions.NONE : m.reduction();
                jdbc.sql("""
                                insert into enterprise_measure (enterprise_id, level, position, measure, line_id, action,
                                  limit_percent, reduction_so2, reduction_nox, reduction_pm, reduction_vocs)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(e.enterpriseId(), level.name(), i, m.description(), m.lineId(),
                                (m.action() == null ? ListedEnterprise.Action.OTHER : m.action()).name(), m.limitPercent(),
                                r.so2(), r.nox(), r.pm(), r.vocs())
                        .update();
            }
        });
    }

    /** The year of the list in force, or 0 when none was imported. */
    @Transactional(readOnly = true)
    public int currentYear() {
        return jdbc.sql("select coalesce(max(year), 0) from reduction_list").query(Integer.class).single();
    }

    /** The enterprises of a region on the list in force, with their measures. */
    @Transactional(readOnly = true)
    public List<ListedEnterprise> inRegion(String regionId) {
        return enterprises("region_id = ? and list_year = ? order by enterprise_id", regionId, currentYear());
    }

    /** Every enterprise on a year's list. */
    @Transactional(readOnly = true)
    public List<ListedEnterprise> ofYear(int year) {
        return enterprises("list_year = ? order by region_id, enterprise_id", year);
    }

    /** An enterprise row, before its lines and measures are added. */
    private record Row(String id, String name, String regionId, String township, String industry, String grade,
                       String exemption, WarningLevel exemptUpTo, ListedEnterprise.Emissions baseline,
                       ListedEnterprise.Contact contact, String deliveryMode, String webhookUrl, String webhookSecrets) {
    }

    /**
     * The enterprises matching {@code where}, with their lines and measures: three queries however many
     * enterprises (a warning reads a region's thousands at once), not two more per enterprise.
     */
    private List<ListedEnterprise> enterprises(String where, Object... params) {
        List<Row> rows = jdbc.sql("select * from enterprise where " + where).params(params).query(ReductionListStore::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        String[] ids = rows.stream().map(Row::id).toArray(String[]::new);
        Map<String, List<ListedEnterprise.Line>> lines = new HashMap<>();
        jdbc.sql("select enterprise_id, line_id, name from production_line where enterprise_id = any(?::text[]) order by enterprise_id, line_id")
                .param(ids)
                .query((rs, n) -> lines.computeIfAbsent(rs.getString("enterprise_id"), e -> new ArrayList<>())
                        .add(new ListedEnterprise.Line(rs.getString("line_id"), rs.getString("name"))))
                .list();
        Map<String, Map<WarningLevel, List<ListedEnterprise.Measure>>> measures = new HashMap<>();
        jdbc.sql("select * from enterprise_measure where enterprise_id = any(?::text[]) order by enterprise_id, level, position")
                .param(ids)
                .query((rs, n) -> measures.computeIfAbsent(rs.getString("enterprise_id"), e -> new EnumMap<>(WarningLevel.class))
                        .computeIfAbsent(WarningLevel.valueOf(rs.getString("level")), l -> new ArrayList<>())
                        .add(new ListedEnterprise.Measure(rs.getString("line_id"),
                                ListedEnterprise.Action.valueOf(rs.getString("action")),
                                (Integer) rs.getObject("limit_percent"), rs.getString("measure"),
                                new ListedEnterprise.Emissions(dec(rs, "reduction_so2"), dec(rs, "reduction_nox"),
                                        dec(rs, "reduction_pm"), dec(rs, "reduction_vocs")))))
                .list();
        List<ListedEnterprise> enterprises = new ArrayList<>(rows.size());
        for (Row r : rows) {
            enterprises.add(new ListedEnterprise(r.id(), r.name(), r.regionId(), r.township(), r.industry(), r.grade(),
                    r.exemption(), r.exemptUpTo(), r.baseline(), lines.getOrDefault(r.id(), List.of()),
                    measures.getOrDefault(r.id(), new EnumMap<>(WarningLevel.class)), r.contact(),
                    new ListedEnterprise.Delivery(r.deliveryMode(), r.webhookUrl(), secrets.open(r.webhookSecrets()))));
        }
        return enterprises;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String upTo = rs.getString("exempt_up_to");
        return new Row(rs.getString("enterprise_id"), rs.getString("name"), rs.getString("region_id"),
                rs.getString("township"), rs.getString("industry"), rs.getString("grade"), rs.getString("exemption"),
                upTo == null ? null : WarningLevel.valueOf(upTo),
                new ListedEnterprise.Emissions(dec(rs, "baseline_so2"), dec(rs, "baseline_nox"), dec(rs, "baseline_pm"), dec(rs, "baseline_vocs")),
                new ListedEnterprise.Contact(rs.getString("contact_name"), rs.getString("contact_phone")),
                rs.getString("delivery_mode"), rs.getString("webhook_url"), rs.getString("webhook_secrets"));
    }

    private static BigDecimal dec(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }
}
