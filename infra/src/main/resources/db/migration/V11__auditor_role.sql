-- AUDITOR: a read-only role that also sees the tenant's audit stream.
alter table membership_view drop constraint membership_view_role_check,
    add constraint membership_view_role_check check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER', 'AUDITOR'));
alter table member_roster drop constraint member_roster_role_check,
    add constraint member_roster_role_check check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER', 'AUDITOR'));
alter table invitation_view drop constraint invitation_view_role_check,
    add constraint invitation_view_role_check check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER', 'AUDITOR'));
