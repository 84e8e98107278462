-- Add the signed sums in _carer_delta to carer_wave_sums: each wave it touches is rewritten with the totals,
-- and a group left with no usable answers loses its row (as carer_sums would not make it).
create or replace temp table _carer_merged as
select wave_id, breakdown, group_code, measure, sum(n) as n, sum(x) as x, sum(xx) as xx
from (
    select * from carer_wave_sums where wave_id in (select wave_id from _carer_delta)
    union all
    select * from _carer_delta
)
group by all
having sum(n) > 0;

delete from carer_wave_sums where wave_id in (select wave_id from _carer_delta);

insert into carer_wave_sums select * from _carer_merged;

delete from _carer_delta;
