-- The reduction list in full (domain.md §3): exemptions, baseline emissions, production lines, measures per
-- line with expected reductions, contacts and how orders reach the enterprise.
create table reduction_list (
    year        int primary key,
    imported_at timestamptz not null default now(),
    imported_by text        not null,
    source      text        not null,
    demo        boolean     not null default false
);

alter table enterprise add column exemption text;          -- 民生保障, 战略性产业, 白名单 … (null: none)
alter table enterprise add column exempt_up_to text;       -- the highest level the exemption covers (null: every level)
alter table enterprise add column baseline_so2 numeric;    -- t/d
alter table enterprise add column baseline_nox numeric;
alter table enterprise add column baseline_pm numeric;
alter table enterprise add column baseline_vocs numeric;
alter table enterprise add column contact_name text;
alter table enterprise add column contact_phone text;
alter table enterprise add column delivery_mode text not null default 'PULL' check (delivery_mode in ('PULL', 'WEBHOOK'));
alter table enterprise add column webhook_url text;
alter table enterprise add column webhook_secrets text;    -- Standard Webhooks secrets (whsec_…), space-separated while rotating

create table production_line (
    enterprise_id text not null references enterprise on delete cascade,
    line_id       text not null,
    name          text not null,
    primary key (enterprise_id, line_id)
);

alter table enterprise_measure add column line_id text;
alter table enterprise_measure add column action text not null default 'OTHER'
    check (action in ('STOP', 'LIMIT', 'VOLUNTARY', 'CAP', 'TRUCK_BAN', 'OTHER'));
alter table enterprise_measure add column limit_percent int check (limit_percent between 0 and 100);
alter table enterprise_measure add column reduction_so2 numeric;  -- expected reduction, t/d
alter table enterprise_measure add column reduction_nox numeric;
alter table enterprise_measure add column reduction_pm numeric;
alter table enterprise_measure add column reduction_vocs numeric;
