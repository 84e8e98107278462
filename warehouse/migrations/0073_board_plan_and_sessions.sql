-- The Board keeps its own plan: the 2008 strategy outcome an action serves (a code of surveys/outcomes.yaml),
-- and who closed it, when and why. A closed action leaves the open list; its updates stay as its history.
alter table action_plan add column outcome varchar;
alter table action_plan add column closed_at timestamp;
alter table action_plan add column closed_by varchar;
alter table action_plan add column closing_note varchar;

-- Signed-in sessions kept on the server, so that signing in survives a reload. The browser holds an
-- HttpOnly cookie with a random value; only its sha256 is stored here, as is the sha256 of the one-time
-- ticket the sign-in page hands the browser to /session/start (single use, a minute long). A session
-- holds the account's session_version it signed in under: a password change, reset, role change or
-- switching the account off raise it, and the session ends at its next step (dashboards/ui/session.py).
create sequence app_session_id_seq;

create table app_sessions (
    session_id bigint primary key default nextval('app_session_id_seq'),
    username varchar not null,
    session_version integer not null,
    by_password boolean not null,  -- single sign-on never has to change a password
    started_at timestamp not null,  -- the absolute limit (session_hours) counts from here
    seen_at timestamp not null,  -- the idle limit (session_idle_minutes) counts from here
    ticket_hash varchar,  -- sha256 of the one-time ticket; cleared when it is used
    ticket_expires_at timestamp,
    cookie_hash varchar,  -- sha256 of the cookie's value, set when the ticket is used
    ended_at timestamp,
    ended_why varchar
);
