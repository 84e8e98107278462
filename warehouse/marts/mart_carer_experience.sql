-- mart_carer_experience: each carer measure with its base and 95% interval.
-- Grain: period x measure x breakdown x group, where breakdown is 'all' (all areas, group 'all'),
-- 'area' (group = council code), or a carer group: 'age_band', 'sex', 'ethnicity', 'hours_caring',
-- 'own_health' (group = the answer code). Within one area a measure is the plain proportion (or mean)
-- of usable answers; 'all' is all respondents together, unweighted (council populations unknown).
-- Proportions: value in % (2 decimals), 95% Wilson interval. QoL score: mean, +/- 1.96 sd / sqrt(n).
-- Suppression: a cell with fewer than $suppress_below usable answers shows no value, no interval
-- and no base (suppressed = true). Inputs: int_carer_indicators.
create or replace view mart_carer_experience as
with wide as (
    select * replace (case breakdown when 'everyone' then 'all' else breakdown end as breakdown)
    from carer_aggregates('everyone')
    union all by name select * from carer_aggregates('area')
    union all by name select * from carer_aggregates('age_band')
    union all by name select * from carer_aggregates('sex')
    union all by name select * from carer_aggregates('ethnicity')
    union all by name select * from carer_aggregates('hours_caring')
    union all by name select * from carer_aggregates('own_health')
),

long as (
    unpivot wide
    on columns(* exclude (period, breakdown, group_code))
    into name stat_measure value amount
),

grouped as (
    select
        period,
        regexp_extract(stat_measure, '^[a-z]+_(.*)$', 1) as measure,
        breakdown,
        group_code,
        cast(max(amount) filter (where starts_with(stat_measure, 'n_')) as bigint) as n,
        max(amount) filter (where starts_with(stat_measure, 'x_')) as x,
        max(amount) filter (where starts_with(stat_measure, 'm_')) as mean,
        max(amount) filter (where starts_with(stat_measure, 'sd_')) as sd
    from long
    group by all
),

estimated as (
    select
        *,
        measure = 'carer_quality_of_life' as is_score,
        1.96 as z
    from grouped
    where group_code is not null
),

final as (
    select
        period,
        measure,
        breakdown,
        group_code,
        n < $suppress_below as suppressed,
        case when n >= $suppress_below then n end as base,
        case when n >= $suppress_below then
            case when is_score then round(mean, 2) else round(100.0 * x / n, 2) end end as value,
        case when n >= $suppress_below then
            case when is_score then round(mean - z * coalesce(sd, 0) / sqrt(n), 2)
            else round(100.0 * (x / n + z * z / (2 * n) - z * sqrt((x / n) * (1 - x / n) / n + z * z / (4 * n * n)))
                / (1 + z * z / n), 2) end end as ci_lower,
        case when n >= $suppress_below then
            case when is_score then round(mean + z * coalesce(sd, 0) / sqrt(n), 2)
            else round(100.0 * (x / n + z * z / (2 * n) + z * sqrt((x / n) * (1 - x / n) / n + z * z / (4 * n * n)))
                / (1 + z * z / n), 2) end end as ci_upper,
        case when is_score then 'score 0-12' else 'percent' end as unit
    from estimated
    where n > 0
)

select * from final
