-- User accounts and refresh tokens. Not event sourced: a password hash has no place in an immutable log.

create table user_account (
    id            varchar(36)  not null primary key,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    display_name  varchar(100) not null,
    created_at    timestamp(6) with time zone not null
);
-- Emails are stored normalised (trimmed, lower case); the index makes them unique under concurrent sign-ups.
create unique index user_account_email on user_account (email);

create table refresh_token (
    id          varchar(36) not null primary key,
    user_id     varchar(36) not null references user_account (id),
    -- Tokens of one login share a family; reusing a rotated token revokes the whole family.
    family_id   varchar(36) not null,
    -- SHA-256 of the token, hex: the token itself is never stored.
    token_hash  varchar(64) not null,
    created_at  timestamp(6) with time zone not null,
    expires_at  timestamp(6) with time zone not null,
    used_at     timestamp(6) with time zone,
    revoked_at  timestamp(6) with time zone
);
create unique index refresh_token_hash on refresh_token (token_hash);
create index refresh_token_family on refresh_token (family_id);
