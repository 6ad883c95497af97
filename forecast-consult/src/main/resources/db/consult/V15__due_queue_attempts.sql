-- A queued key whose work keeps failing (a bug, bad data) must not hold up the others (docs/aqi.md, "Queued and
-- coalesced"): a failed transaction counts an attempt on the rows it had claimed and keeps the error; keys with
-- failed attempts are then retried one per transaction, after the fresh ones, those with fewer attempts first.
alter table region_aqi_due add column attempts int not null default 0, add column last_error text;
alter table alert_region_due add column attempts int not null default 0, add column last_error text;
