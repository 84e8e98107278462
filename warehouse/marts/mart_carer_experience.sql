-- mart_carer_experience: each carer measure with its base and 95% interval.
-- Grain: period x measure x breakdown x group, where breakdown is 'all' (all areas, group 'all'),
-- 'area' (group = council code), or a carer group: 'age_band', 'sex', 'ethnicity', 'hours_caring',
-- 'own_health' (group = the answer code). Within one area a measure is the plain proportion (or mean)
-- of usable answers; 'all' is all respondents together, unweighted (council populations unknown).
-- Proportions: value in % (2 decimals), 95% Wilson interval. QoL score: mean, +/- 1.96 sd / sqrt(n).
-- Disclosure control (docs/disclosure.md), one step for every page, download and pack, which all read
-- this mart: a group with fewer than $suppress_below usable answers is suppressed (primary); then, in
-- each breakdown, everything hidden (the suppressed groups, and those who gave no answer to the
-- breakdown's question, whom the total minus the shown groups gives away) must come to at least
-- $suppress_below people, or the next-smallest group is suppressed too (secondary), so that no
-- suppressed group can be recovered by subtraction from the total. A suppressed cell shows no value,
-- no interval and no base (suppressed = true; suppression says which rule).
-- Inputs: int_carer_period_sums (the sums kept per wave: int_carer_aggregates.sql).
create or replace view mart_carer_experience as
with estimated as (
    select
        period,
        measure,
        breakdown,
        group_code,
        n,
        x,
        mean,
        sd,
        measure = 'carer_quality_of_life' as is_score,
        1.96 as z
    from int_carer_period_sums
    where measure <> 'responses' and not starts_with(measure, 'theme_')  -- counts, not measures
),

totals as (
    select period, measure, n as total_n from estimated where breakdown = 'all'
),

hidden as (
    -- per breakdown: how many people a reader cannot see once primary suppression is applied
    select
        e.period,
        e.measure,
        e.breakdown,
        coalesce(sum(e.n) filter (where e.n < $suppress_below), 0) + max(t.total_n) - sum(e.n) as hidden_n
    from estimated as e
    inner join totals as t on e.period = t.period and e.measure = t.measure
    where e.breakdown <> 'all'
    group by all
),

secondary as (
    -- where what is hidden is fewer than the threshold, the smallest group still shown is hidden as well
    select e.period, e.measure, e.breakdown, e.group_code
    from estimated as e
    inner join hidden as h on e.period = h.period and e.measure = h.measure and e.breakdown = h.breakdown
    where e.n >= $suppress_below and h.hidden_n > 0 and h.hidden_n < $suppress_below
    qualify row_number() over (partition by e.period, e.measure, e.breakdown order by e.n, e.group_code) = 1
),

protected as (
    select
        e.*,
        case
            when e.n < $suppress_below then 'fewer than the threshold'
            when s.group_code is not null then 'protects a smaller group'
        end as suppression
    from estimated as e
    left join secondary as s
        on e.period = s.period and e.measure = s.measure and e.breakdown = s.breakdown and e.group_code = s.group_code
),

final as (
    select
        period,
        measure,
        breakdown,
        group_code,
        suppression is not null as suppressed,
        suppression,
        case when suppression is null then n end as base,
        case when suppression is null then
            case when is_score then round(mean, 2) else round(100.0 * x / n, 2) end end as value,
        case when suppression is null then
            case when is_score then round(mean - z * coalesce(sd, 0) / sqrt(n), 2)
            else round(100.0 * (x / n + z * z / (2 * n) - z * sqrt((x / n) * (1 - x / n) / n + z * z / (4 * n * n)))
                / (1 + z * z / n), 2) end end as ci_lower,
        case when suppression is null then
            case when is_score then round(mean + z * coalesce(sd, 0) / sqrt(n), 2)
            else round(100.0 * (x / n + z * z / (2 * n) + z * sqrt((x / n) * (1 - x / n) / n + z * z / (4 * n * n)))
                / (1 + z * z / n), 2) end end as ci_upper,
        case when is_score then 'score 0-12' else 'percent' end as unit
    from protected
    where n > 0
)

select * from final
