-- The quarter's headline figures for the summary. Parameter: $quarter ('2011-Q3').
-- Every figure comes from a mart; carer percentages arrive null when suppressed, with their 95%
-- interval so that a change can be judged. `asked` is the return wave's scope (those asked), and
-- `is_open` says the wave may still gain returns, so its non-response is not yet a finding.
with plans as (
    select
        sum(commissioners) filter (where status = 'PUB') as published_plans,
        max(all_commissioners) as asked,
        max(responders) as answered
    from mart_plan_status
    where period = $quarter
),

repeat as (
    select count(*) as repeat_non_responders from mart_repeat_non_responders
    where survey_code = 'commissioner_return' and period = $quarter
),

carers as (
    select
        max(value) filter (where measure = 'satisfied') as satisfied_pct,
        max(ci_lower) filter (where measure = 'satisfied') as satisfied_lower,
        max(ci_upper) filter (where measure = 'satisfied') as satisfied_upper,
        max(value) filter (where measure = 'had_break') as had_break_pct,
        max(ci_lower) filter (where measure = 'had_break') as had_break_lower,
        max(ci_upper) filter (where measure = 'had_break') as had_break_upper
    from mart_carer_experience
    where period = $quarter and breakdown = 'all'
),

responses as (
    select value as carer_responses from int_kpi_computed where measure = 'survey_responses' and period = $quarter
),

wave as (
    select bool_or(is_open) as is_open from int_wave_series
    where period = $quarter and survey_code = 'commissioner_return'
),

final as (
    select
        cast(p.published_plans as integer) as published_plans,
        cast(p.asked as integer) as asked,
        cast(p.answered as integer) as answered,
        cast(
            case when p.asked is not null then r.repeat_non_responders end as integer
        ) as repeat_non_responders,
        cast(s.carer_responses as integer) as carer_responses,
        cast(c.satisfied_pct as double) as satisfied_pct,
        cast(c.satisfied_lower as double) as satisfied_lower,
        cast(c.satisfied_upper as double) as satisfied_upper,
        cast(c.had_break_pct as double) as had_break_pct,
        cast(c.had_break_lower as double) as had_break_lower,
        cast(c.had_break_upper as double) as had_break_upper,
        coalesce(w.is_open, false) as is_open
    from plans as p, repeat as r, carers as c, wave as w
    left join responses as s on true
)

select * from final
