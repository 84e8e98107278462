-- int_wave_series: each wave with the wave a Board compares it with, the one before it in its series,
-- and whether it is still open. Grain: wave_id. Inputs: waves.
-- A series is one survey and one kind of period: quarters follow quarters, financial years follow
-- financial years, named periods follow named periods. "Before" is by opening day, never by the
-- label's spelling ('2012-Q1' sorts after '2011-12' as text). A wave is open until it is closed or
-- its closing day has passed; an open wave's non-response is "not yet", not a finding.
create or replace view int_wave_series as
with kinds as (
    select
        wave_id,
        survey_code,
        period,
        title,
        opens,
        closes,
        closed_at,
        published_at,
        case
            when regexp_matches(period, '^\d{4}-Q[1-4]$') then 'quarter'
            when regexp_matches(period, '^\d{4}-\d{2}$') then 'financial year'
            else 'named'
        end as period_kind
    from waves
),

final as (
    select
        *,
        closed_at is null and current_date <= closes as is_open,
        lag(wave_id) over series as previous_wave_id,
        lag(period) over series as previous_period
    from kinds
    window series as (partition by survey_code, period_kind order by opens, period)
)

select * from final
