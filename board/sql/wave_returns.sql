-- How many each survey's wave of a period asked, how many have answered and not, how many of those also
-- missed the previous wave (mart_repeat_non_responders), and whether the wave is still open.
-- Parameter: $quarter. Commissioners' returns and carers' organisations' ratings only (organisations asked,
-- from mart_non_response); one row per survey with a wave of the period that asked anyone.
with asked as (
    select
        n.survey_code,
        count(*) as asked,
        count(*) filter (where n.responded) as answered,
        count(*) filter (where not n.responded) as not_answered,
        count(r.org_code) as missed_previous,
        any_value(s.is_open) as is_open,
        any_value(s.closes) as closes,
        any_value(s.previous_period) as previous_period
    from mart_non_response as n
    inner join int_wave_series as s on s.wave_id = n.wave_id
    left join mart_repeat_non_responders as r on r.wave_id = n.wave_id and r.org_code = n.org_code
    where n.period = $quarter and n.survey_code in ('commissioner_return', 'org_rating')
    group by n.survey_code
),

final as (
    select * from asked
)

select * from final order by survey_code
