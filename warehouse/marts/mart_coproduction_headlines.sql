-- mart_coproduction_headlines: the co-production headlines, one row per wave.
-- Grain: wave_id. claiming_pct: commissioners claiming to work with carers' organisations, of those
-- that answered (the 2011 base); not_engaged_pct: commissioners every one of whose ratings is 0, of
-- those rated; gap_points: the gap between them as DESIGN.md defines it, claiming_pct minus
-- not_engaged_pct, in points. Inputs: mart_coproduction_gap. No suppression (organisations).
-- coproduction_headlines(want_region, want_type) is the same over the commissioners of one region
-- ('none' = no region) and/or one organisation type, null meaning all: the dashboards' filters, so
-- every share is counted over the filtered commissioners in SQL. The view is the unfiltered call.
create or replace macro coproduction_headlines(want_region, want_type) as table
with waves_seen as (
    -- every wave, even when the filter leaves no commissioner in it: the page then shows zeros
    select distinct wave_id, period from mart_coproduction_gap
),

filtered as (
    select *
    from mart_coproduction_gap
    where (want_region is null or coalesce(region_code, 'none') = want_region)
        and (want_type is null or type = want_type)
),

counted as (
    select
        w.wave_id,
        w.period,
        count(f.org_code) as commissioners,
        count(f.org_code) filter (where f.responded) as responders,
        count(f.org_code) filter (where f.responded and f.claims_engagement) as claiming,
        count(f.org_code) filter (where f.ratings > 0) as rated,
        count(f.org_code) filter (where f.not_engaged_at_all) as not_engaged,
        count(f.org_code) filter (where f.category = 'disputed') as disputed
    from waves_seen as w
    left join filtered as f on f.wave_id = w.wave_id
    group by w.wave_id, w.period
),

final as (
    select
        *,
        round(100.0 * claiming / nullif(responders, 0), 1) as claiming_pct,
        round(100.0 * not_engaged / nullif(rated, 0), 1) as not_engaged_pct,
        round(100.0 * claiming / nullif(responders, 0) - 100.0 * not_engaged / nullif(rated, 0), 1) as gap_points
    from counted
)

select * from final;

create or replace view mart_coproduction_headlines as
select * from coproduction_headlines(null, null)
