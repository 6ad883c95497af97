-- Push delivery of order revisions to enterprise webhooks (docs/dispatch.md, "Webhook delivery").
-- One row per order revision to push (or per test order). Workers claim due rows with
-- FOR UPDATE SKIP LOCKED and a lease, send outside any transaction, then record the result.
create table delivery (
    delivery_id     uuid primary key,
    -- the order's id; for a test order a fresh id that names no curtailment_order row, hence no foreign key
    order_id        uuid        not null,
    revision        int         not null,
    enterprise_id   text        not null references enterprise,
    test            boolean     not null default false,
    event_type      text        not null,                  -- order.issued, order.revised, order.test
    message_id      text        not null unique,           -- the webhook-id header: <orderId>.r<revision>
    payload         text        not null,                  -- the JSON body, fixed so every retry sends the same bytes
    state           text        not null check (state in ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'UNDELIVERABLE', 'DROPPED')),
    attempts        int         not null default 0,        -- every attempt ever made, re-sends included
    series_base     int         not null default 0,        -- attempts made before the current series (an officer's re-send starts one)
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,                           -- IN_FLIGHT only: after this the row may be claimed again
    leased_by       text,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    unique (order_id, revision)
);
create index delivery_due on delivery (next_attempt_at) where state in ('PENDING', 'IN_FLIGHT');
create index delivery_enterprise on delivery (enterprise_id, created_at desc);

-- The delivery log: one row per attempt (a short-circuited one included), for officers.
create table delivery_attempt (
    id               bigserial primary key,
    delivery_id      uuid        not null references delivery,
    attempt          int         not null,
    started_at       timestamptz not null,
    outcome          text        not null,  -- DELIVERED, RATE_LIMITED, CLIENT_ERROR, SERVER_ERROR, TIMEOUT, CONNECTION_FAILED, CIRCUIT_OPEN, MISCONFIGURED
    http_status      int,
    latency_ms       bigint,                -- null when nothing was sent
    response_excerpt text,
    error            text,
    retry_after_ms   bigint,                -- what the receiver asked for (429/503 Retry-After)
    decision         text        not null,  -- DELIVERED, RETRY, UNDELIVERABLE, LEASE_LOST
    next_attempt_at  timestamptz,
    instance         text        not null
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, id);

-- The worker looks for PENDING revisions of webhook enterprises on every poll; few orders are PENDING at a time.
create index curtailment_order_pending on curtailment_order (enterprise_id) where status = 'PENDING';
