-- mart_carer_experience: each carer measure with its base and 95% interval.
-- Grain: period x measure x breakdown x group, where breakdown is 'all' (all areas, group 'all'),
-- 'area' (group = council code), or a carer group: 'age_band', 'sex', 'ethnicity', 'hours_caring',
-- 'own_health' (group = the answer code). Within one area a measure is the plain proportion (or mean)
-- of usable answers; 'all' is all respondents together, unweighted (council populations unknown).
-- Proportions: value in % (2 decimals), 95% Wilson interval. QoL score: mean, +/- 1.96 sd / sqrt(n).
-- Suppression: a cell with fewer than $suppress_below usable answers shows no value, no interval
-- and no base (suppressed = true). Inputs: int_carer_indicators.
create or replace view mart_carer_experience as
with long as (
    unpivot int_carer_indicators
    on carer_quality_of_life, satisfied, consulted, information_easy, social_contact, had_break, assessment_28d,
        time_as_wanted, looks_after_self, good_health, kept_work, young_carer_break
    into name measure value indicator
),

grouped as (
    select
        period,
        measure,
        case
            when grouping(area) = 0 then 'area'
            when grouping(age_band) = 0 then 'age_band'
            when grouping(sex) = 0 then 'sex'
            when grouping(ethnicity) = 0 then 'ethnicity'
            when grouping(hours_caring) = 0 then 'hours_caring'
            when grouping(own_health) = 0 then 'own_health'
            else 'all'
        end as breakdown,
        coalesce(area, age_band, sex, ethnicity, hours_caring, own_health, 'all') as group_code,
        count(indicator) as n,
        sum(indicator) as x,
        avg(indicator) as mean,
        stddev_samp(indicator) as sd
    from long
    group by grouping sets (
        (period, measure), (period, measure, area), (period, measure, age_band), (period, measure, sex),
        (period, measure, ethnicity), (period, measure, hours_caring), (period, measure, own_health)
    )
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
