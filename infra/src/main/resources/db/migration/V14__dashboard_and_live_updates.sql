-- The tenant dashboard's history, built by the "dashboard" projection from event time (a rebuild reproduces it).

-- Members who joined and departed (removed or left) per UTC day.
create table dashboard_member_day (
    tenant_id varchar(36) not null,
    day       date        not null,
    joined    integer     not null default 0,
    departed  integer     not null default 0,
    primary key (tenant_id, day)
);

-- Invitations by the UTC ISO week (Monday) they were sent in, and what became of them: a cohort per week, so the
-- acceptance rate of a week is the share of that week's invitations that were accepted.
create table dashboard_invitation_week (
    tenant_id  varchar(36) not null,
    week_start date        not null,
    sent       integer     not null default 0,
    accepted   integer     not null default 0,
    expired    integer     not null default 0,
    primary key (tenant_id, week_start)
);

-- Which week each invitation belongs to, for its later acceptance or expiry.
create table dashboard_invitation (
    invitation_id varchar(36) not null primary key,
    tenant_id     varchar(36) not null,
    week_start    date        not null
);

-- Single-use tickets that let a browser's EventSource (which cannot send an Authorization header) open one
-- organization's live stream. Only the SHA-256 of a ticket is stored; a ticket lives for seconds.
create table stream_ticket (
    ticket_hash     varchar(64) not null primary key,
    user_id         varchar(36) not null,
    organization_id varchar(36) not null,
    expires_at      timestamp(6) with time zone not null
);
