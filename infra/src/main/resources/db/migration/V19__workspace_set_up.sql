-- Organizations from before workspaces (issue 13) get their workspace limit and default workspace from a backfill
-- at startup. This marks those that have them: created with workspaces, or visited by the backfill. A row opened
-- only by a first workspace creation (with the default plan's limit) is not set up.
alter table organization_workspaces add column set_up boolean not null default false;

-- Rows from before this column: those of organizations created with workspaces have their default workspace.
-- Any other is visited by the backfill once; its commands add nothing that is there already (at most the
-- current limit once more, for one the read model missed).
update organization_workspaces w set set_up = true
where exists (select 1 from workspace_view v where v.tenant_id = w.organization_id and v.is_default);
