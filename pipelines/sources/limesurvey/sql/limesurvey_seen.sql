-- The last-save stamp of each response already synced for this instrument, server and survey.
with seen as (
    select response_id, datestamp
    from limesurvey_seen
    where survey_code = ? and server_url = ? and limesurvey_survey_id = ?
),

final as (
    select * from seen
)

select * from final
