-- Submitted LimeSurvey responses (`_submitted`: token hash, submit date) complete their participants'
-- invitations, since responses added or imported in LimeSurvey do not always mark the participant
-- completed there. A token's earliest submission counts.
with submitted as (
    select
        token_hash,
        min(cast(submitted_at as timestamp)) as submitted_at
    from _submitted
    group by token_hash
),

final as (
    select * from submitted
)

update invitations
set completed_at = coalesce(invitations.completed_at, f.submitted_at)
from final as f
where invitations.token_hash = f.token_hash and invitations.channel = 'limesurvey'
