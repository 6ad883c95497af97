-- Orders follow their warning's revisions; enterprises may say they cannot comply.
alter table curtailment_order add column mode text not null default 'MANDATORY'
    check (mode in ('MANDATORY', 'VOLUNTARY', 'CAPPED', 'EXEMPT'));
alter table curtailment_order add column ack_deadline timestamptz;
alter table curtailment_order add column cannot_comply_code text;
alter table curtailment_order add column cannot_comply_reason text;

-- Enterprise POSTs carry an Idempotency-Key: the first answer is kept and replayed.
create table idempotent_request (
    enterprise_id   text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    status          int         not null,
    response        text        not null,
    created_at      timestamptz not null default now(),
    primary key (enterprise_id, idempotency_key)
);
