-- Region-median judgements due (docs/station-alerts.md, "Fast lane and queued region-median judgements").
-- The reading consumer stores values and decides the station-local rules without region locks; in the same
-- transaction it adds one row per region-hour it changed, so a crash can never lose a judgement. A worker claims
-- rows (for update skip locked), judges the region-median rule of those region-hours under the region's lock and
-- deletes the rows it claimed, in one transaction.
--
-- Rows are appended (an identity key, no unique region-hour): a value stored while a worker judges its region-hour
-- adds a row of its own, which the next claim takes. A unique region-hour with "on conflict do nothing" would drop
-- that value's judgement (the claimed row is deleted after judging) or make the reading consumer wait for the worker.
create table alert_region_due (
    id          bigint generated always as identity primary key,
    region_id   text        not null,
    pollutant   text        not null,
    hour_end    timestamptz not null,
    -- the stations whose values of that hour came: the others are judged again only where the median moved them
    stations    text[]      not null,
    -- one of them replaced an earlier value (old value unknown): every station of the region-hour is judged again
    corrected   boolean     not null,
    enqueued_at timestamptz not null default now()
);
