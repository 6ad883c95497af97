-- Escalation chains (docs/escalation.md): per warning level, what happens how long after an order revision
-- was issued while the enterprise has not answered it. A level with a row here has its chain set (seeded from
-- lantian.dispatch.escalation.chains at the first start, or by an administrator); its steps may be none.
create table escalation_chain_level (
    level      text primary key,
    updated_by text        not null,          -- 'config' when seeded from the configuration
    updated_at timestamptz not null default now()
);

create table escalation_chain (
    level         text not null references escalation_chain_level on delete cascade,
    position      int  not null,               -- 1, 2, … in the order of after_seconds
    after_seconds int  not null check (after_seconds > 0), -- counted from the issue of the order revision
    action        text not null check (action in ('REMIND_ENTERPRISE', 'NOTIFY_TOWNSHIP_OFFICER', 'NOTIFY_DUTY_OFFICER')),
    primary key (level, position)
);

-- The chain as it was when the order revision was issued (a later change of the chain leaves it alone).
-- Workers claim due PENDING steps with FOR UPDATE SKIP LOCKED; DONE and STOPPED are final.
create table order_escalation_step (
    order_id      uuid        not null references curtailment_order,
    revision      int         not null,
    position      int         not null,
    action        text        not null,
    after_seconds int         not null,
    due_at        timestamptz not null,
    state         text        not null check (state in ('PENDING', 'DONE', 'STOPPED')),
    done_at       timestamptz,                 -- when it was carried out or stopped
    instance      text,                        -- the worker that carried it out
    note          text,                        -- why it stopped; what a reminder did
    primary key (order_id, revision, position)
);
create index order_escalation_step_due on order_escalation_step (due_at) where state = 'PENDING';
