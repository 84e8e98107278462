-- int_kpi_computed: measures a KPI can take its quarterly value from, one row per measure per period.
-- Grain: measure x period ('2011-Q3'). Inputs: current versions of the typed response tables, waves.
-- Counts of responses and of organisations are not suppressed (no respondent can be singled out).
create or replace view int_kpi_computed as
with carer_responses as (
    select w.period, count(*) as responses
    from response_carer_experience as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current
    group by w.period
),

published as (
    select w.period, count(distinct r.COMMISSIONER) as commissioners
    from response_commissioner_return as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current and r.PLANSTATUS = 'PUB'
    group by w.period
),

final as (
    select 'survey_responses' as measure, period, cast(responses as double) as value, responses as base
    from carer_responses
    union all
    select 'published_plans', period, cast(commissioners as double), commissioners
    from published
)

select * from final
