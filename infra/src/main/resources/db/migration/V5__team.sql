-- Command-side lookups for team rules, written in the same transaction as the events they follow.

-- Who holds which role where: aggregates check the acting user's rights against it.
create table member_roster (
    organization_id varchar(36) not null,
    user_id         varchar(36) not null,
    role            varchar(16) not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    status          varchar(16) not null check (status in ('ACTIVE', 'REMOVED', 'LEFT')),
    primary key (organization_id, user_id)
);

-- One pending invitation per (organization, email); a row exists exactly while its invitation is pending.
create table pending_invitation (
    invitation_id   varchar(36)  not null primary key,
    organization_id varchar(36)  not null,
    email           varchar(254) not null,
    constraint pending_invitation_per_email unique (organization_id, email)
);

-- The seat limit of each organization's plan (null: unlimited). Its row is also the lock that serialises
-- seat-changing commands of one organization. A closed organization's team is frozen.
create table organization_seats (
    organization_id varchar(36) not null primary key,
    seat_limit      integer,
    closed          boolean     not null default false
);

-- Organizations and founders from before these lookups existed.
insert into member_roster (organization_id, user_id, role, status)
select tenant_id, user_id, role, status from membership_view;
insert into organization_seats (organization_id, seat_limit, closed)
select tenant_id, 5, status = 'CLOSED' from organization_view;

-- db-scheduler's table (PostgreSQL flavour): Axon's persistent deadlines live here and survive restarts.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Read models of the team.
alter table organization_view add column seat_limit integer;
update organization_view set seat_limit = 5;

create table invitation_view (
    invitation_id varchar(36)  not null primary key,
    tenant_id     varchar(36)  not null,
    email         varchar(254) not null,
    role          varchar(16)  not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    status        varchar(16)  not null check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    inviter_id    varchar(36)  not null,
    -- SHA-256 of the current token, to find the invitation from its link; the token itself is never stored.
    token_hash    varchar(64)  not null,
    expires_at    timestamp(6) with time zone not null,
    created_at    timestamp(6) with time zone not null,
    updated_at    timestamp(6) with time zone not null
);
create index invitation_view_tenant on invitation_view (tenant_id, status);
create unique index invitation_view_token on invitation_view (token_hash);
