-- Failed sign-ins are counted per name typed, whether or not an account has that name, so that an unknown
-- name answers exactly as a known one does. The name is kept only as a keyed hash (HMAC-SHA256 with the
-- app's secret key): a password typed into the username box is never stored.
create table sign_in_throttle (
    name_key varchar primary key,
    failures integer not null default 0,  -- wrong passwords since the last lock ended or the last sign-in
    locked_until timestamp,  -- set when failures reach the limit; attempts during the lock do not extend it
    last_failure timestamp not null
);

-- The counter and lock moved to sign_in_throttle.
alter table users drop column failed_attempts;
alter table users drop column locked_until;

-- Raised by a password change or reset, a role change and switching the account off: a session signed in
-- under an older number ends at its next interaction.
alter table users add column session_version integer default 0;
