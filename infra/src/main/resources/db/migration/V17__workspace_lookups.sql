-- Workspaces (issue 13): command-side lookups, written in the same transaction as the events they guard.
-- The plan's limit of active workspaces per organization (null: unlimited). Its row is also the lock that
-- serialises the creations and restores of one organization, like organization_seats.
create table organization_workspaces (
    organization_id varchar(36) not null primary key,
    workspace_limit integer
);

-- One row per active workspace: its name, trimmed and lower-cased, unique within the organization. Archiving frees
-- it. The rows of an organization are also the count its limit applies to.
create table workspace_name (
    organization_id varchar(36)  not null,
    name_key        varchar(400) not null,
    workspace_id    varchar(36)  not null,
    primary key (organization_id, name_key)
);
create index workspace_name_workspace on workspace_name (workspace_id);

-- Who belongs to which workspace: the policy that follows a member out of the organization looks them up here.
create table workspace_member_roster (
    workspace_id    varchar(36) not null,
    organization_id varchar(36) not null,
    user_id         varchar(36) not null,
    primary key (workspace_id, user_id)
);
create index workspace_member_roster_user on workspace_member_roster (organization_id, user_id);
