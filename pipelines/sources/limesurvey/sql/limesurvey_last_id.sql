-- The incremental watermark: the highest LimeSurvey response id read for this instrument, server and survey.
with runs as (
    select last_response_id
    from limesurvey_sync
    where survey_code = ? and server_url = ? and limesurvey_survey_id = ? and outcome = 'ok'
),

final as (
    select coalesce(max(last_response_id), 0) as last_response_id from runs
)

select * from final
