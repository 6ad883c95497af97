-- Compliance verification (docs/compliance.md): enterprises' power use per production line, the latest
-- verdict per order revision and line, and the evidence of every non-compliance flag.

-- One row per enterprise, line and metering period. A reading for the same key replaces the earlier one
-- (a correction), so nothing is counted twice.
create table power_reading (
    enterprise_id  text             not null,
    line_key       text             not null,  -- the line id; '' for the enterprise's main meter
    period_end     timestamptz      not null,  -- exclusive
    period_start   timestamptz      not null,  -- period_end minus the metering period
    period_seconds int              not null check (period_seconds > 0 and period_seconds <= 86400),
    energy_kwh     double precision not null check (energy_kwh >= 0),
    source         text             not null,
    received_at    timestamptz      not null,
    primary key (enterprise_id, line_key, period_end)
);

-- The latest evaluation of each STOP/LIMIT line of an order revision, for officers (compliant, non-compliant,
-- insufficient baseline, no data). Overwritten on every evaluation.
create table compliance_evaluation (
    order_id         uuid             not null references curtailment_order,
    revision         int              not null,
    line_key         text             not null,
    action           text             not null,
    limit_percent    int,
    result           text             not null check (result in ('COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_BASELINE', 'NO_DATA')),
    baseline_kw      double precision,
    baseline_hours   double precision not null,
    observed_kw      double precision,
    readings_used    int              not null,
    expected_max_kw  double precision,
    window_from      timestamptz      not null,
    window_to        timestamptz      not null,
    evaluated_at     timestamptz      not null,
    primary key (order_id, revision, line_key)
);

-- One flag per order revision and line, with the numbers that made it and the thresholds in force then.
create table compliance_flag (
    flag_id          bigserial primary key,
    order_id         uuid             not null references curtailment_order,
    revision         int              not null,
    enterprise_id    text             not null,
    line_key         text             not null,
    action           text             not null,
    limit_percent    int,
    baseline_kw      double precision not null,
    baseline_hours   double precision not null,
    observed_kw      double precision not null,
    expected_max_kw  double precision not null,
    window_from      timestamptz      not null,
    window_to        timestamptz      not null,
    readings_used    int              not null,
    stop_residual    double precision not null,
    tolerance        double precision not null,
    flagged_at       timestamptz      not null,
    unique (order_id, revision, line_key)
);
