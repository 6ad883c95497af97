-- Region AQI recomputations due (docs/aqi.md, "Region AQI: queued and coalesced"). The reading consumer stores
-- readings and, in the same transaction, adds one row per district hour they changed (with the townships of the
-- stations that changed it), so a crash can never lose a recomputation. A worker recomputes a district hour and its
-- townships once its oldest row has waited the configured delay, claiming (for update skip locked) every row of it
-- queued so far: readings of one hour that arrive within the delay share one recomputation and one event per area.
--
-- Rows are appended (an identity key, no unique district hour) for the reason V12 gives: a reading committed while a
-- worker recomputes its hour adds a row of its own, which the next claim takes; it never waits for the worker.
create table region_aqi_due (
    id          bigint generated always as identity primary key,
    district    text        not null,
    hour_end    timestamptz not null,
    townships   text[]      not null,
    enqueued_at timestamptz not null default now()
);
create index region_aqi_due_hour on region_aqi_due (district, hour_end);
