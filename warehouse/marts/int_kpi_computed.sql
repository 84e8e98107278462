-- int_kpi_computed: measures a KPI can take its quarterly value from, one row per measure per period.
-- Grain: measure x period ('2011-Q3'). Inputs: current versions of the typed response tables, waves.
-- Counts of responses and of organisations are not suppressed (no respondent can be singled out);
-- carer percentages come from mart_carer_experience, suppressed there (null) below the threshold.
create or replace view int_kpi_computed as
with carer_responses as (
    select w.period, count(*) as responses
    from response_carer_experience as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current
    group by w.period
),

published as (
    select period, commissioners from mart_plan_status where status = 'PUB'
),

carer_measures as (
    select measure, period, value, base
    from mart_carer_experience
    where breakdown = 'all' and measure in ('had_break', 'assessment_28d')
),

final as (
    select 'survey_responses' as measure, period, cast(responses as double) as value, responses as base
    from carer_responses
    union all
    select 'published_plans', period, cast(commissioners as double), commissioners
    from published
    union all
    select measure, period, value, base from carer_measures
)

select * from final
