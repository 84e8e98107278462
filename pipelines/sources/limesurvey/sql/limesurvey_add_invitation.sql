-- LimeSurvey participants (`_participants`: one row per token hash) as invitations of wave ? for organisation ?:
-- the token's hash, dates and organisation; never a name or an e-mail address. A token already known
-- (hash) is left as it is, but a completion is recorded. One statement for all (issue 19).
insert into invitations (wave_id, token_hash, org_code, channel, sent_at, reminded_at, completed_at)
select
    cast($1 as integer) as wave_id,
    p.token_hash,
    cast($2 as varchar) as org_code,
    'limesurvey' as channel,
    p.sent as sent_at,
    p.remindersent as reminded_at,
    p.completed as completed_at
from _participants as p
on conflict (token_hash) do update set
    sent_at = coalesce(invitations.sent_at, excluded.sent_at),
    reminded_at = coalesce(excluded.reminded_at, invitations.reminded_at),
    completed_at = coalesce(invitations.completed_at, excluded.completed_at)
