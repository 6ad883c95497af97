-- Every forecast as received (never changed or deleted).
create table forecast (
    forecast_id uuid primary key,
    region_id   text        not null,
    issued_at   timestamptz not null,
    issued_by   text        not null,
    source      text        not null,
    payload     text        not null, -- the ForecastIssued event as JSON
    received_at timestamptz not null default now()
);
create index forecast_region on forecast (region_id, issued_at desc);

-- 会商: what the rules propose for a region, until officers decide.
create table proposal (
    proposal_id uuid primary key,
    region_id   text        not null,
    kind        text        not null check (kind in ('ISSUE', 'ADJUST', 'LIFT')),
    level       text        not null,
    rule        text,
    window_from timestamptz,
    window_to   timestamptz,
    basis       text        not null,
    forecast_id uuid references forecast,
    warning_id  uuid references warning,
    status      text        not null check (status in ('OPEN', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
-- one open proposal per region: a new forecast updates it instead of opening a second one
create unique index proposal_one_open_per_region on proposal (region_id) where status = 'OPEN';

-- Append-only: every step of every proposal, with who and why.
create table proposal_event (
    id          bigserial primary key,
    proposal_id uuid        not null references proposal,
    action      text        not null,
    level       text,
    actor       text        not null,
    comment     text,
    occurred_at timestamptz not null default now()
);
create index proposal_event_proposal on proposal_event (proposal_id, id);

alter table warning add column expected_end timestamptz;
alter table warning_revision add column comment text;
