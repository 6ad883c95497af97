-- Hourly station values as received, one row per natural key (idempotent on re-delivery).
create table station_reading (
    station_id  text             not null,
    region_id   text             not null,
    pollutant   text             not null,
    period_end  timestamptz      not null,
    averaging   text             not null,
    value       double precision not null,
    reading_id  text             not null,
    received_at timestamptz      not null,
    primary key (station_id, pollutant, period_end, averaging)
);
create index station_reading_region_hour on station_reading (region_id, period_end);

-- A warning's current state; its history is warning_revision.
create table warning (
    warning_id     uuid primary key,
    region_id      text        not null,
    level          text        not null,
    status         text        not null check (status in ('ISSUED', 'ADJUSTED', 'LIFTED', 'CANCELLED')),
    revision       int         not null,
    effective_from timestamptz not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
-- at most one active warning per region
create unique index warning_one_active_per_region on warning (region_id) where status in ('ISSUED', 'ADJUSTED');

-- Append-only history: who decided what, when and why.
create table warning_revision (
    warning_id  uuid        not null references warning,
    revision    int         not null,
    action      text        not null,
    level       text        not null,
    basis       text        not null,
    decided_by  text        not null,
    occurred_at timestamptz not null,
    primary key (warning_id, revision)
);
