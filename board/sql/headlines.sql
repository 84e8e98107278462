-- The quarter's headline figures for the summary. Parameter: $quarter ('2011-Q3').
with computed as (
    select
        max(case when measure = 'published_plans' then value end) as published_plans,
        max(case when measure = 'survey_responses' then value end) as carer_responses
    from int_kpi_computed
    where period = $quarter
),

final as (
    select
        cast(published_plans as integer) as published_plans,
        cast(null as integer) as commissioners,
        cast(null as integer) as repeat_non_responders,
        cast(carer_responses as integer) as carer_responses,
        cast(null as double) as satisfied_pct,
        cast(null as double) as had_break_pct
    from computed
)

select * from final
