-- mart_comment_themes: how many carers' comments take each theme, one row per period per theme.
-- Grain: period x theme. A comment can take several themes. Counts under $suppress_below are
-- suppressed (null, suppressed = true). Inputs: response_carer_experience, waves, comment_themes()
-- (read directly rather than through mart_carer_comments: counting needs no redaction).
create or replace view mart_comment_themes as
with comments as (
    select w.period, comment_themes(r.DIFFERENCE) as themes
    from response_carer_experience as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current and r.DIFFERENCE is not null
),

themed as (
    select period, unnest(themes) as theme from comments
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
