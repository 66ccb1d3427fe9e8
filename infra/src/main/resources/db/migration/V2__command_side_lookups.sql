-- Set-based validation for the command side, written in the same transaction as the events it guards.

-- One organization per slug, for ever: a closed organization keeps its slug so old links never reach a stranger.
create table organization_slug (
    slug            varchar(63) not null primary key,
    organization_id varchar(36) not null,
    claimed_at      timestamp(6) with time zone not null default now()
);
