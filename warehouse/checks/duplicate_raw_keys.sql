-- The idempotency key of raw_submissions is unique: one stored row per survey, wave, source, source id and content.
select survey_code, wave_id, source, source_id, content_hash, count(*) as rows
from raw_submissions
group by all
having count(*) > 1
