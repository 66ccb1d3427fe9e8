-- Rate limits (RateLimits): one row per limited subject, e.g. 'register:203.0.113.7' or 'api:<user id>'. tat is the
-- "theoretical arrival time" of the generic cell rate algorithm: the subject's quota is full again at tat, and a
-- request is allowed while tat stays within one period of now. A row whose tat has passed means the same as no row.
-- Unlogged: counters are written on every limited request and need no WAL; after a crash they start from zero.
create unlogged table rate_limit_bucket (
    bucket_key varchar(200) primary key,
    tat        timestamptz not null
);
create index rate_limit_bucket_tat on rate_limit_bucket (tat);

-- Failed sign-ins per email (LoginLockouts), whether an account has that email or not, so that a lock-out tells
-- nobody whether the account exists. lockouts counts the lock-outs since the last successful sign-in: each one
-- lasts twice as long as the one before.
create table login_failure (
    email           varchar(320) primary key,
    failures        integer     not null,
    lockouts        integer     not null,
    locked_until    timestamptz,
    last_failure_at timestamptz not null
);
