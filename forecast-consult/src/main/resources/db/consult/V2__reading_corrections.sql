-- A reading re-sent with another value for the same natural key is a correction: it replaces the value,
-- and the row keeps how often and when that happened (duplicates with the same value change nothing).
alter table station_reading add column corrections int not null default 0;
alter table station_reading add column corrected_at timestamptz;
