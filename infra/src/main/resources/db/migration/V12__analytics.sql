-- Platform analytics (processing group platform-analytics). Rows hold facts with their event times only, so a
-- replay rebuilds them exactly; prices are not stored but taken from the plan catalog when figures are asked for.

-- One row per organization: support search, overview counts, signup cohorts.
create table analytics_organization (
    tenant_id           varchar(36)  not null primary key,
    name                varchar(100) not null,
    slug                varchar(63)  not null,
    status              varchar(16)  not null check (status in ('ACTIVE', 'CLOSED')),
    -- The subscription's plan and billing state; a checkout in progress does not change them.
    plan                varchar(64),
    subscription_status varchar(24) check (subscription_status in
        ('FREE', 'CHECKOUT_PENDING', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'UNPAID')),
    created_at          timestamp(6) with time zone not null,
    closed_at           timestamp(6) with time zone,
    updated_at          timestamp(6) with time zone not null
);
create index analytics_organization_created on analytics_organization (created_at);

-- The spans during which an organization held an ACTIVE or PAST_DUE paid subscription on one plan, [started_at,
-- ended_at); ended_at null while it lasts. MRR at an instant sums the prices of the spans open then.
create table analytics_paid_period (
    -- The event that opened it: stable under replay.
    period_id  varchar(64)  not null primary key,
    tenant_id  varchar(36)  not null,
    plan       varchar(64)  not null,
    started_at timestamp(6) with time zone not null,
    ended_at   timestamp(6) with time zone
);
create index analytics_paid_period_tenant on analytics_paid_period (tenant_id, started_at);
create index analytics_paid_period_span on analytics_paid_period (started_at, ended_at);

-- Countable happenings at their event time; one per event (and metric), so a redelivery adds nothing.
create table analytics_fact (
    event_id      varchar(64)  not null,
    metric        varchar(32)  not null check (metric in ('user-signups', 'organization-signups',
        'new-paid-subscriptions', 'churned-subscriptions', 'plan-changes', 'failed-payments',
        'invitations-accepted')),
    occurred_at   timestamp(6) with time zone not null,
    tenant_id     varchar(36),
    -- plan-changes only: from and to, told apart as upgrade or downgrade by price when asked.
    previous_plan varchar(64),
    plan          varchar(64),
    primary key (event_id, metric)
);
create index analytics_fact_metric_time on analytics_fact (metric, occurred_at);
