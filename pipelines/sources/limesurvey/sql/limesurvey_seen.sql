-- The answers' hash of each response already synced for this instrument, server and survey (null for a
-- response remembered before migration 0071, which then lands again and is found already present).
with seen as (
    select response_id, answers_hash
    from limesurvey_seen
    where survey_code = ? and server_url = ? and limesurvey_survey_id = ?
),

final as (
    select * from seen
)

select * from final
