-- Each source id has at most one current version per survey, wave and source.
select 'carer_experience' as survey, source, wave_id, source_id, count(*) as current_rows
from response_carer_experience where is_current group by all having count(*) > 1
union all
select 'org_rating', source, wave_id, source_id, count(*)
from response_org_rating where is_current group by all having count(*) > 1
union all
select 'commissioner_return', source, wave_id, source_id, count(*)
from response_commissioner_return where is_current group by all having count(*) > 1
