-- Remember what each response handed to land() looked like (`_seen_now`: response id, datestamp, answers'
-- hash) for instrument ?, server ? and survey ?, replacing what an earlier sync remembered. One statement.
insert or replace into limesurvey_seen (
    survey_code, server_url, limesurvey_survey_id, response_id, datestamp, answers_hash
)
select
    cast($1 as varchar) as survey_code,
    cast($2 as varchar) as server_url,
    cast($3 as integer) as limesurvey_survey_id,
    s.response_id,
    s.datestamp,
    s.answers_hash
from _seen_now as s
