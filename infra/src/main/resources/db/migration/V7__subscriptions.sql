-- Read model of each organization's subscription.
create table subscription_view (
    tenant_id       varchar(36) not null primary key,
    subscription_id varchar(36) not null,
    plan            varchar(64) not null,
    status          varchar(24) not null check (status in ('FREE', 'CHECKOUT_PENDING', 'TRIALING', 'ACTIVE',
                                                           'PAST_DUE', 'CANCELED', 'UNPAID')),
    started_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null
);
