-- Things duty and township officers should hear about (escalations, station alerts, proposals, warnings,
-- non-compliance). Producers insert a notice in their own transaction; the notification sender groups the
-- pending notices of one audience and region into one message per burst and sends it to the channels
-- configured for them (docs/escalation.md). A dedup key is noticed once.
create table officer_notice (
    notice_id   bigserial primary key,
    kind        text        not null,
    audience    text        not null check (audience in ('DUTY_OFFICER', 'TOWNSHIP_OFFICER')),
    region_id   text        not null,
    township    text,                       -- TOWNSHIP_OFFICER: whose township
    dedup_key   text        not null unique,
    text        text        not null,       -- one line of the grouped message
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,                -- null: waiting to be grouped and sent
    message_id  bigint                      -- the grouped message it went out in
);
create index officer_notice_pending on officer_notice (audience, region_id, created_at) where sent_at is null;
