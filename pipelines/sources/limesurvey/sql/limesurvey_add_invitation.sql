-- A LimeSurvey participant as an invitation: the token's hash, dates and organisation; never a name or
-- an e-mail address. A token already known (hash) is left as it is, but a completion is recorded.
insert into invitations (wave_id, token_hash, org_code, channel, sent_at, reminded_at, completed_at)
values (?, ?, ?, 'limesurvey', ?, ?, ?)
on conflict (token_hash) do update set
    sent_at = coalesce(invitations.sent_at, excluded.sent_at),
    reminded_at = coalesce(excluded.reminded_at, invitations.reminded_at),
    completed_at = coalesce(invitations.completed_at, excluded.completed_at)
