-- mart_coproduction_headlines: the co-production headlines, one row per wave.
-- Grain: wave_id. The headline is on ONE base, `answered_and_rated`: the commissioners that answered AND were rated.
-- both_claiming_pct: of them, those claiming to work with carers' organisations; both_not_engaged_pct:
-- of them, those every one of whose ratings is 0; gap_points: the first minus the second, in points,
-- so that both shares count the same commissioners and the difference means something.
-- The 2011 report's reading stays beside it with its two bases: claiming_pct (of those that answered),
-- not_engaged_pct (of those rated) and report_gap_points between them.
-- Inputs: mart_coproduction_gap. No suppression (organisations).
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
        count(f.org_code) filter (where f.responded and f.ratings > 0) as answered_and_rated,
        count(f.org_code) filter (where f.responded and f.ratings > 0 and f.claims_engagement) as both_claiming,
        count(f.org_code) filter (where f.responded and f.not_engaged_at_all) as both_not_engaged,
        count(f.org_code) filter (where f.category = 'disputed') as disputed
    from waves_seen as w
    left join filtered as f on f.wave_id = w.wave_id
    group by w.wave_id, w.period
),

final as (
    select
        *,
        round(100.0 * both_claiming / nullif(answered_and_rated, 0), 1) as both_claiming_pct,
        round(100.0 * both_not_engaged / nullif(answered_and_rated, 0), 1) as both_not_engaged_pct,
        round(100.0 * (both_claiming - both_not_engaged) / nullif(answered_and_rated, 0), 1) as gap_points,
        round(100.0 * claiming / nullif(responders, 0), 1) as claiming_pct,
        round(100.0 * not_engaged / nullif(rated, 0), 1) as not_engaged_pct,
        round(
            100.0 * claiming / nullif(responders, 0) - 100.0 * not_engaged / nullif(rated, 0), 1
        ) as report_gap_points
    from counted
)

select * from final;

create or replace view mart_coproduction_headlines as
select * from coproduction_headlines(null, null)
