-- Platform admins' per-organization feature overrides (read model of the "feature-overrides" projection). The
-- features a plan grants are configuration and the plan in effect is subscription_view's, so only overrides live here.
create table feature_override_view (
    tenant_id     varchar(36) not null,
    feature       varchar(63) not null,
    enabled       boolean     not null,
    overridden_at timestamp(6) with time zone not null,
    primary key (tenant_id, feature)
);
