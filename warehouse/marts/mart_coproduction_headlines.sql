-- mart_coproduction_headlines: the co-production headlines, one row per wave.
-- Grain: wave_id. claiming_pct: commissioners claiming to work with carers' organisations, of those
-- that answered (the 2011 base); not_engaged_pct: commissioners every one of whose ratings is 0, of
-- those rated; gap_points: the gap between them as DESIGN.md defines it, claiming_pct minus
-- not_engaged_pct, in points. Inputs: mart_coproduction_gap. No suppression (organisations).
create or replace view mart_coproduction_headlines as
with counted as (
    select
        wave_id,
        period,
        count(*) as commissioners,
        count(*) filter (where responded) as responders,
        count(*) filter (where responded and claims_engagement) as claiming,
        count(*) filter (where ratings > 0) as rated,
        count(*) filter (where not_engaged_at_all) as not_engaged,
        count(*) filter (where category = 'disputed') as disputed
    from mart_coproduction_gap
    group by wave_id, period
),

final as (
    select
        *,
        round(100.0 * claiming / nullif(responders, 0), 1) as claiming_pct,
        round(100.0 * not_engaged / nullif(rated, 0), 1) as not_engaged_pct,
        round(100.0 * claiming / nullif(responders, 0) - 100.0 * not_engaged / nullif(rated, 0), 1) as gap_points
    from counted
)

select * from final
