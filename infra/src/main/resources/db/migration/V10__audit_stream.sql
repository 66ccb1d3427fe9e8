-- The per-tenant audit stream: every event of a tenant, written in the transaction that appends the event, with a
-- per-tenant sequence (1, 2, 3 … without gaps) and a hash chain that makes any later edit evident.

create table audit_entry (
    tenant_id          varchar(36)  not null,
    sequence           bigint       not null,
    global_index       bigint       not null,
    event_id           varchar(255) not null unique,
    event_type         varchar(255) not null,
    event_revision     varchar(32),
    aggregate_type     varchar(255),
    aggregate_id       varchar(255),
    aggregate_sequence bigint,
    actor_id           varchar(36),
    occurred_at        timestamp(6) with time zone not null,
    correlation_id     varchar(255),
    causation_id       varchar(255),
    stripe_event_id    varchar(255),
    -- The event's payload as JSON, secrets redacted.
    payload            text         not null,
    previous_hash      varchar(64)  not null,
    hash               varchar(64)  not null,
    primary key (tenant_id, sequence)
);
create index audit_entry_tenant_time on audit_entry (tenant_id, occurred_at);

-- The head of each tenant's chain; its row lock serialises the tenant's writers so the chain stays linear.
create table audit_head (
    tenant_id varchar(36) not null primary key,
    sequence  bigint      not null,
    hash      varchar(64) not null
);
