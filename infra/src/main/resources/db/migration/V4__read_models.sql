-- Read models built by the query side's projections. Every tenant row carries tenant_id.

create table organization_view (
    tenant_id  varchar(36)  not null primary key,
    name       varchar(100) not null,
    slug       varchar(63)  not null,
    status     varchar(16)  not null check (status in ('ACTIVE', 'CLOSED')),
    owner_id   varchar(36)  not null,
    time_zone  varchar(64)  not null,
    locale     varchar(35)  not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null
);

create table membership_view (
    tenant_id     varchar(36) not null,
    user_id       varchar(36) not null,
    membership_id varchar(36) not null,
    role          varchar(16) not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    status        varchar(16) not null check (status in ('ACTIVE', 'REMOVED', 'LEFT')),
    joined_at     timestamp(6) with time zone not null,
    updated_at    timestamp(6) with time zone not null,
    primary key (tenant_id, user_id)
);
-- "My organizations" looks memberships up by user.
create index membership_view_user on membership_view (user_id, status);

-- Not tenant data: one row per person, shared by all their organizations.
create table user_profile_view (
    user_id       varchar(36)  not null primary key,
    email         varchar(254) not null,
    display_name  varchar(100) not null,
    registered_at timestamp(6) with time zone not null
);
