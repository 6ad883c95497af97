-- The station registry: where readings may come from, and with which HJ 212 credentials.
create table station (
    station_id          text primary key,
    name                text             not null,
    station_class       text             not null,
    region_id           text             not null,
    township            text,
    latitude            double precision not null check (latitude between -90 and 90),
    longitude           double precision not null check (longitude between -180 and 180),
    pollutants          text             not null, -- JSON array of pollutant names
    demo                boolean          not null default false,
    hj212_mn            text unique,
    hj212_password_hash text,                      -- SHA-256 hex; the password is never stored
    units               text             not null default '{}', -- JSON object pollutant -> unit where not canonical
    updated_at          timestamptz      not null default now()
);
