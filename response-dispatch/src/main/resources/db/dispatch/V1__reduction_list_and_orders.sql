-- 应急减排清单: the enterprises of the list and their measures per warning level.
create table enterprise (
    enterprise_id text primary key, -- 统一社会信用代码 (unified social credit code)
    name          text        not null,
    region_id     text        not null,
    township      text,
    industry      text,
    grade         text        not null,
    list_year     int         not null,
    demo          boolean     not null default false,
    updated_at    timestamptz not null default now()
);
create index enterprise_region on enterprise (region_id);

create table enterprise_measure (
    enterprise_id text not null references enterprise on delete cascade,
    level         text not null,
    position      int  not null,
    measure       text not null,
    primary key (enterprise_id, level, position)
);

-- One curtailment order per enterprise per warning; its revision follows the warning's.
create table curtailment_order (
    order_id        uuid primary key,
    warning_id      uuid        not null,
    revision        int         not null,
    enterprise_id   text        not null references enterprise,
    region_id       text        not null,
    level           text        not null,
    status          text        not null,
    measures        text        not null, -- JSON array of strings
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    acknowledged_at timestamptz,
    acknowledged_by text,
    ack_note        text,
    unique (warning_id, enterprise_id)
);
create index curtailment_order_enterprise on curtailment_order (enterprise_id, created_at desc);

-- Append-only: every status change of every order, with who and why.
create table order_history (
    id          bigserial primary key,
    order_id    uuid        not null references curtailment_order,
    revision    int         not null,
    status      text        not null,
    actor       text        not null,
    note        text,
    occurred_at timestamptz not null default now()
);
create index order_history_order on order_history (order_id, id);
