-- Every Stripe event that was addressed to us, recorded once in the transaction of the command it caused, so that
-- a redelivery (Stripe delivers at least once) finds it and changes nothing. Event types we do not handle are not
-- recorded. outcome: processed (a command followed), ignored (a handled type that concerns no subscription),
-- unresolved (no organization could be found for it), rejected (the organization refused it for good).
create table stripe_webhook_event (
    event_id        varchar(255) not null primary key,
    type            varchar(255) not null,
    organization_id varchar(36),
    outcome         varchar(16)  not null check (outcome in ('processed', 'ignored', 'unresolved', 'rejected')),
    -- Stripe's "created" of the event
    created_at      timestamp(6) with time zone not null,
    received_at     timestamp(6) with time zone not null default now()
);
create index stripe_webhook_event_organization on stripe_webhook_event (organization_id);

-- Which organization a Stripe customer belongs to, for events (invoices) that do not say it themselves. Learned from
-- payloads whose metadata or client_reference_id names the organization and from the subscription's own events.
create table stripe_customer (
    customer_id     varchar(255) not null primary key,
    organization_id varchar(36)  not null,
    recorded_at     timestamp(6) with time zone not null default now()
);
