-- Mail: the outbox that carries invitation, verification and password-reset mails, and the one-time tokens of
-- the account flows.

-- One row per mail, written in the same transaction as what causes it (an invitation's event, a registration,
-- a reset request), so that a mail goes out exactly when its cause has committed. A dispatcher sends due rows
-- after that commit and on a poll; it claims a row (PENDING -> SENDING) before talking to SMTP, so no two nodes
-- send one row. A row left in SENDING by a crash mid-send is never retried: a lost mail beats a mail sent twice.
create table mail_outbox (
    id               varchar(36)  not null primary key,
    -- What caused the mail (an event id, a token id): a cause handled twice still makes one mail.
    source_key       varchar(100) not null,
    recipient        varchar(254) not null,
    subject          varchar(300) not null,
    -- The text before the link. Neither it nor the subject holds the token: the link is built at send time.
    body             text         not null,
    -- Appended to tenantry.public-url at send time, {token} replaced by the token.
    link_path        varchar(200) not null,
    -- The link's token, AES-GCM encrypted (12-byte nonce, then ciphertext and tag); null once sent or failed.
    token_ciphertext bytea,
    status           varchar(16)  not null check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamp(6) with time zone not null,
    last_error       varchar(1000),
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    sent_at          timestamp(6) with time zone
);
create unique index mail_outbox_source on mail_outbox (source_key);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'PENDING';

alter table user_account add column email_verified_at timestamp(6) with time zone;

-- Email verification and password reset: single-use, expiring, stored only as SHA-256 like refresh tokens.
create table account_token (
    id         varchar(36) not null primary key,
    user_id    varchar(36) not null references user_account (id),
    purpose    varchar(32) not null check (purpose in ('EMAIL_VERIFICATION', 'PASSWORD_RESET')),
    token_hash varchar(64) not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    -- Set when the token is redeemed, or when a newer token of the same purpose replaces it.
    used_at    timestamp(6) with time zone
);
create unique index account_token_hash on account_token (token_hash);
create index account_token_user on account_token (user_id, purpose) where used_at is null;
