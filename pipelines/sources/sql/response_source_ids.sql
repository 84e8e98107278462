-- The source ids behind one carer's or organisation's reference (web_forms.reference_for: the survey's prefix,
-- then the first ten hex digits of sha256(source id)), from the raw rows and from the forms that sent them.
select distinct source_id
from raw_submissions
where survey_code = $survey and upper(sha256(source_id)[1:10]) = $digest
union
select source_id
from form_sessions
where survey_code = $survey and reference = $reference
