-- Every organisation a wave asks is a real organisation in the reference data (codes are never invented).
select s.wave_id, s.org_code
from wave_scope as s
left join organisations as o on o.code = s.org_code
where s.org_code is not null and o.code is null
