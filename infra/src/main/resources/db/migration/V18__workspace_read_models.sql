-- Workspaces (issue 13): read models.
create table workspace_view (
    workspace_id varchar(36)   not null primary key,
    tenant_id    varchar(36)   not null,
    name         varchar(100)  not null,
    name_key     varchar(400)  not null,
    description  varchar(1000),
    visibility   varchar(16)   not null check (visibility in ('ORGANIZATION', 'PRIVATE')),
    status       varchar(16)   not null check (status in ('ACTIVE', 'ARCHIVED')),
    is_default   boolean       not null,
    created_by   varchar(36),
    created_at   timestamp(6) with time zone not null,
    archived_at  timestamp(6) with time zone,
    updated_at   timestamp(6) with time zone not null
);
create index workspace_view_tenant on workspace_view (tenant_id, name_key, workspace_id);

create table workspace_member_view (
    workspace_id varchar(36) not null,
    tenant_id    varchar(36) not null,
    user_id      varchar(36) not null,
    role         varchar(16) not null check (role in ('ADMIN', 'EDITOR', 'VIEWER')),
    added_at     timestamp(6) with time zone not null,
    primary key (workspace_id, user_id)
);
create index workspace_member_view_user on workspace_member_view (tenant_id, user_id);

-- The dashboard's workspace figures, per UTC day of the events' own time.
create table dashboard_workspace_day (
    tenant_id varchar(36) not null,
    day       date        not null,
    created   integer     not null default 0,
    archived  integer     not null default 0,
    restored  integer     not null default 0,
    primary key (tenant_id, day)
);

create table dashboard_workspace_activity (
    tenant_id    varchar(36) not null,
    workspace_id varchar(36) not null,
    day          date        not null,
    events       integer     not null default 0,
    primary key (workspace_id, day)
);
create index dashboard_workspace_activity_tenant on dashboard_workspace_activity (tenant_id, day);

-- The plan's workspace limit as the read side shows it (no row: not recorded yet).
create table workspace_limit_view (
    tenant_id       varchar(36) not null primary key,
    workspace_limit integer
);
