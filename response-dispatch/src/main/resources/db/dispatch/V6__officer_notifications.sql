-- Sending officer notices (docs/notifications.md). The sender groups the pending notices of one audience,
-- region and township into one message once the group's oldest notice is older than the burst window (or the
-- group is full), then sends the message to every configured channel that wants it. A message is sent to a
-- channel until it succeeds or runs out of attempts; a channel that took it is never sent it again.
create table officer_message (
    message_id  bigserial primary key,
    audience    text        not null,
    region_id   text        not null,
    township    text,
    title       text        not null,       -- the title as built when grouped (all the message's notices)
    notices     int         not null,
    created_at  timestamptz not null default now(),
    created_by  text        not null        -- the sender instance that grouped it
);

alter table officer_notice add constraint officer_notice_message
    foreign key (message_id) references officer_message (message_id);

-- One row per message and channel: its own state, attempts and back-off.
create table officer_message_send (
    message_id      bigint      not null references officer_message (message_id),
    channel         text        not null,   -- the channel's configured name
    channel_type    text        not null,
    state           text        not null check (state in ('PENDING', 'IN_FLIGHT', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,
    leased_by       text,
    sent_by         text,                   -- the instance whose attempt succeeded
    sent_at         timestamptz,
    last_error      text,                   -- the last failure (an errcode and errmsg, an HTTP status, an SMTP error)
    updated_at      timestamptz not null default now(),
    primary key (message_id, channel)
);
create index officer_message_send_due on officer_message_send (next_attempt_at) where state in ('PENDING', 'IN_FLIGHT');
