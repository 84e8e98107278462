-- The quarter's headline figures for the summary. Parameter: $quarter ('2011-Q3').
-- Every figure comes from a mart; carer percentages arrive null when suppressed.
with plans as (
    select
        sum(commissioners) filter (where status = 'PUB') as published_plans,
        max(all_commissioners) as commissioners
    from mart_plan_status
    where period = $quarter
),

repeat as (
    select count(*) as repeat_non_responders from mart_repeat_non_responders
    where survey_code = 'commissioner_return' and period = $quarter
),

carers as (
    select
        max(base) filter (where measure = 'satisfied') as satisfied_base,
        max(value) filter (where measure = 'satisfied') as satisfied_pct,
        max(value) filter (where measure = 'had_break') as had_break_pct
    from mart_carer_experience
    where period = $quarter and breakdown = 'all'
),

responses as (
    select value as carer_responses from int_kpi_computed where measure = 'survey_responses' and period = $quarter
),

final as (
    select
        cast(p.published_plans as integer) as published_plans,
        cast(p.commissioners as integer) as commissioners,
        cast(
            case when p.commissioners is not null then r.repeat_non_responders end as integer
        ) as repeat_non_responders,
        cast(s.carer_responses as integer) as carer_responses,
        cast(c.satisfied_pct as double) as satisfied_pct,
        cast(c.had_break_pct as double) as had_break_pct
    from plans as p, repeat as r, carers as c
    left join responses as s on true
)

select * from final
