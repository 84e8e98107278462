-- What each synced LimeSurvey response looked like (its `datestamp`, the time of its last save), so a
-- later sync can spot a response edited since, without re-reading every answer (issue 8).
create table limesurvey_seen (
    survey_code varchar not null,
    server_url varchar not null,
    limesurvey_survey_id integer not null,
    response_id integer not null,
    datestamp varchar,  -- as LimeSurvey sent it; compared as text
    primary key (survey_code, server_url, limesurvey_survey_id, response_id)
);
