-- A submitted LimeSurvey response completes its participant's invitation (matched by the token's hash),
-- since responses added or imported in LimeSurvey do not always mark the participant completed there.
update invitations
set completed_at = coalesce(completed_at, cast(? as timestamp))
where token_hash = ? and channel = 'limesurvey'
