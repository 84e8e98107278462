-- mart_comment_themes: how many carers' comments take each theme, one row per period per theme.
-- Grain: period x theme. A comment can take several themes. Counts under $suppress_below are
-- suppressed (null, suppressed = true). Inputs: mart_carer_comments.
create or replace view mart_comment_themes as
with themed as (
    select period, unnest(themes) as theme from mart_carer_comments
),

counted as (
    select period, theme, count(*) as n
    from themed
    group by period, theme
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
