-- What the billing page shows: the paid subscription's state and the latest checkout.
alter table subscription_view
    add column stripe_customer_id     varchar(255),
    add column stripe_subscription_id varchar(255),
    add column current_period_end     timestamp(6) with time zone,
    add column cancel_at_period_end   boolean not null default false,
    add column grace_ends_at          timestamp(6) with time zone,
    -- Unpaid past the grace period: the free plan's limits apply, the paid plan is kept for when payment resumes.
    add column fell_back_to_free      boolean not null default false,
    add column status_before_checkout varchar(24),
    add column checkout_id            varchar(36),
    add column checkout_plan          varchar(64),
    add column checkout_status        varchar(16) check (checkout_status in ('PENDING', 'OPEN', 'COMPLETED', 'FAILED', 'EXPIRED')),
    add column checkout_url           varchar(2048),
    add column checkout_expires_at    timestamp(6) with time zone,
    add column checkout_failure       varchar(1024);
