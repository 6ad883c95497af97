-- The transactional outbox every data-owning service shares (io.lantian.platform.outbox).
-- Repeatable and idempotent: Flyway re-applies it when it changes; add columns with "if not exists".
create table if not exists outbox (
    id             bigserial primary key,
    event_id       uuid        not null unique,
    topic          text        not null,
    record_key     text        not null,
    event_type     text        not null,
    payload        text        not null,
    correlation_id text,
    created_at     timestamptz not null default now(),
    published_at   timestamptz
);
create index if not exists outbox_unpublished on outbox (id) where published_at is null;
