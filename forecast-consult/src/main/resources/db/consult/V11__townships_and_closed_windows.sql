-- Region AQI by township (docs/aqi.md): each station's district and township as aq.stations.v1 last said
-- (compacted topic, read from the beginning). Readings carry the district only; the township roll-up joins them
-- with this table. Kept apart from alert_station: another consumer group fills that one, at its own pace.
create table region_station (
    station_id text primary key,
    region_id  text        not null,
    township   text,
    updated_at timestamptz not null default now()
);
create index region_station_township on region_station (region_id, township);

-- Hours whose windows have been closed (docs/aqi.md, "Windows closed"): the row is the claim, so each hour's
-- 24-h / 8-h moving means (and at Beijing midnight the day's means) are judged and counted once, whichever replica
-- gets there first, and a restart resumes after the last one.
create table closed_window_hour (
    hour_end  timestamptz primary key,
    closed_at timestamptz not null default now(),
    windows   int         not null,
    invalid   int         not null
);
