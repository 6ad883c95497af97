-- The region-median worker claims every queued row of a region-hour once its oldest row has waited the configured
-- delay (docs/station-alerts.md, "Fast lane and queued region-median judgements"): rows are looked up by region-hour.
create index alert_region_due_hour on alert_region_due (region_id, pollutant, hour_end);
