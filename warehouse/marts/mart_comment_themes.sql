-- mart_comment_themes: how many carers' comments take each theme, one row per period per theme.
-- Grain: period x theme. A comment can take several themes. Counts under $suppress_below are
-- suppressed (null, suppressed = true). Inputs: int_carer_period_sums, whose theme_ counts comment_themes()
-- made as each comment landed (int_carer_indicators.sql): counting needs no redaction and no comment read.
create or replace view mart_comment_themes as
with counted as (
    select period, substr(measure, length('theme_') + 1) as theme, sum(x) as n
    from int_carer_period_sums
    where breakdown = 'all' and starts_with(measure, 'theme_')
    group by all
    having sum(x) > 0
),

final as (
    select
        period,
        theme,
        n < $suppress_below as suppressed,
        case when n >= $suppress_below then n end as comments
    from counted
)

select * from final
