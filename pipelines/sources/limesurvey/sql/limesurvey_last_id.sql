-- The highest LimeSurvey response id read for this instrument, server and survey (recorded with each run;
-- since issue 19 a sync reads every response and finds the new and edited ones by their answers' hash).
with runs as (
    select last_response_id
    from limesurvey_sync
    where survey_code = ? and server_url = ? and limesurvey_survey_id = ? and outcome = 'ok'
),

final as (
    select coalesce(max(last_response_id), 0) as last_response_id from runs
)

select * from final
