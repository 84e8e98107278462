-- carer_sums(responses): per wave, breakdown and group, each measure's sums over the current responses of the
-- table or view named: n (usable answers), x (their sum) and xx (the sum of their squares), whole numbers
-- that add and take away exactly. Breakdowns: 'all' (group 'all'), 'area' (council code) and the carer
-- groups 'age_band', 'sex', 'ethnicity', 'hours_caring', 'own_health' (the answer code). Those who gave no
-- answer to a breakdown's question are in no group of it (the marts find them from the total); a measure
-- with no usable answer in a group has no row. One pass over the rows (grouping sets), whatever their number.
-- warehouse/aggregates.py keeps carer_wave_sums equal to carer_sums('response_carer_experience').
create or replace macro carer_sums(responses) as table
with indicators as (
    select * exclude (response_id, is_current)
    from carer_indicators(responses)
    where is_current and wave_id is not null
),

wide as (
    select
        wave_id,
        case grouping(everyone, area, age_band, sex, ethnicity, hours_caring, own_health)
            when 63 then 'all' when 95 then 'area' when 111 then 'age_band' when 119 then 'sex'
            when 123 then 'ethnicity' when 125 then 'hours_caring' when 126 then 'own_health'
        end as breakdown,
        cast(coalesce(everyone, area, age_band, sex, ethnicity, hours_caring, own_health) as varchar) as group_code,
        count(columns(* exclude (wave_id, everyone, area, age_band, sex, ethnicity, hours_caring, own_health)))
            as "n_\0",
        sum(columns(* exclude (wave_id, everyone, area, age_band, sex, ethnicity, hours_caring, own_health)))
            as "x_\0",
        sum(columns(* exclude (wave_id, everyone, area, age_band, sex, ethnicity, hours_caring, own_health)) ^ 2)
            as "xx_\0"
    from indicators
    group by grouping sets (
        (wave_id, everyone), (wave_id, area), (wave_id, age_band), (wave_id, sex), (wave_id, ethnicity),
        (wave_id, hours_caring), (wave_id, own_health)
    )
),

long as (
    unpivot wide
    on columns(* exclude (wave_id, breakdown, group_code))
    into name stat_measure value amount
),

final as (
    select
        wave_id,
        breakdown,
        group_code,
        regexp_extract(stat_measure, '^[a-z]+_(.*)$', 1) as measure,
        cast(max(amount) filter (where starts_with(stat_measure, 'n_')) as bigint) as n,
        cast(max(amount) filter (where starts_with(stat_measure, 'x_')) as bigint) as x,
        cast(max(amount) filter (where starts_with(stat_measure, 'xx_')) as bigint) as xx
    from long
    where group_code is not null
    group by all
)

select * from final
where n > 0;

-- int_carer_period_sums: carer_wave_sums added up per period (two waves may share one), with each measure's
-- mean and sample standard deviation, computed from the whole-number sums in one rounding.
create or replace view int_carer_period_sums as
with summed as (
    select w.period, s.breakdown, s.group_code, s.measure, sum(s.n) as n, sum(s.x) as x, sum(s.xx) as xx
    from carer_wave_sums as s
    inner join waves as w on w.wave_id = s.wave_id
    group by all
)

select
    *,
    x / n as mean,
    case when n > 1 then sqrt(greatest(n * xx - x * x, 0) / (n * (n - 1))) end as sd
from summed
