-- Station alerts (污染高值预警): see docs/station-alerts.md.

-- Each station's class and region as aq.stations.v1 last said (compacted topic, read from the beginning).
create table alert_station (
    station_id    text primary key,
    region_id     text        not null,
    station_class text        not null,
    updated_at    timestamptz not null default now()
);

-- Hourly values as the station-alerts consumer received them. station_reading is written by another consumer
-- group (region AQI) with no ordering between the two, so the alert rules keep their own copy to read from.
create table alert_hourly_value (
    station_id  text             not null,
    pollutant   text             not null,
    hour_end    timestamptz      not null,
    region_id   text             not null,
    value       double precision not null,
    received_at timestamptz      not null default now(),
    primary key (station_id, pollutant, hour_end)
);
create index alert_hourly_value_region_hour on alert_hourly_value (region_id, pollutant, hour_end);

-- One row per alert; id = station:rule:pollutant:episode start, so a re-evaluated hour never makes a second one.
create table station_alert (
    alert_id      text primary key,
    station_id    text             not null,
    region_id     text             not null,
    station_class text,
    rule          text             not null check (rule in ('THRESHOLD', 'SUDDEN_RISE', 'ABOVE_REGION_MEDIAN')),
    pollutant     text             not null,
    status        text             not null check (status in ('RAISED', 'SUPPRESSED', 'SILENCED', 'RESOLVED')),
    status_reason text,
    episode_start timestamptz      not null,
    raised_hour   timestamptz      not null,
    last_hour     timestamptz      not null,
    resolved_hour timestamptz,
    evidence      jsonb            not null, -- at the raise
    last_evidence jsonb            not null, -- of last_hour (or of the resolving hour)
    peak_value    double precision not null,
    revision      int              not null,
    -- whether an event of this alert went out; an alert silenced from its start stays off the topic, resolve included
    announced     boolean          not null,
    raised_at     timestamptz      not null,
    updated_at    timestamptz      not null,
    resolved_at   timestamptz
);
-- at most one alert per station, rule and pollutant has not resolved
create unique index station_alert_one_open on station_alert (station_id, rule, pollutant) where status <> 'RESOLVED';
create index station_alert_station on station_alert (station_id, episode_start desc);
create index station_alert_region on station_alert (region_id, episode_start desc);

-- Append-only: every change of every alert, with its evidence and whether it was published.
create table station_alert_transition (
    alert_id    text        not null references station_alert,
    revision    int         not null,
    status      text        not null,
    hour_end    timestamptz not null,
    reason      text,
    evidence    jsonb       not null,
    published   boolean     not null,
    occurred_at timestamptz not null,
    primary key (alert_id, revision)
);

-- Maintenance windows set by officers; a deleted silence is kept (who, when) and ends at its deletion.
create table station_silence (
    silence_id uuid primary key,
    station_id text        not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    reason     text        not null,
    created_by text        not null,
    created_at timestamptz not null,
    deleted_by text,
    deleted_at timestamptz,
    check (ends_at > starts_at)
);
create index station_silence_station on station_silence (station_id, starts_at);
