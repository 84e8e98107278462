-- The chase list of a period (mart_chase_list): those asked that have not answered, those that also
-- missed the previous wave first. Parameters: $quarter; $survey (a survey code, or null for both).
select *
from mart_chase_list
where period = $quarter and ($survey is null or survey_code = $survey)
order by survey_code, missed_previous desc nulls last, org_name, org_code
