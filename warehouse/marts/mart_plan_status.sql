-- mart_plan_status: share of commissioners by plan status, one row per wave per status.
-- Grain: wave_id x status (PUB, WILL, NOUPD, NONE, no_response; every status present, zero if none).
-- Denominators, each named in its column: pct_of_all = of the commissioners asked in the wave
-- (int_wave_commissioners; no response included); pct_of_responders = of those that answered (the
-- 2011 report's base), null for 'no_response'. Inputs: mart_plan_status_by_commissioner, waves.
-- No suppression (organisations).
-- plan_status_shares(want_region, want_type) is the same table over the commissioners of one region
-- ('none' = no region) and/or one organisation type, null meaning all: the dashboards' filters, so both
-- denominators are counted over the filtered commissioners in SQL. The view is the unfiltered call.
create or replace macro plan_status_shares(want_region, want_type) as table
with statuses as (
    select * from (values
        ('PUB', 'Published updated plan and budget', 1),
        ('WILL', 'Will publish this year', 2),
        ('NOUPD', 'No plan to update', 3),
        ('NONE', 'No plan', 4),
        ('no_response', 'No response', 5)
    -- the alias names the columns, so the linter's 'alias never used' does not apply
    ) as s (status, status_label, sort_order)  -- noqa: AL05
),

waves_seen as (
    -- every return wave, even one nobody was asked in yet or that the filter empties: the page shows zeros
    select wave_id, period from waves where survey_code = 'commissioner_return'
),

filtered as (
    select wave_id, status
    from mart_plan_status_by_commissioner
    where (want_region is null or coalesce(region_code, 'none') = want_region)
        and (want_type is null or type = want_type)
),

counted as (
    select wave_id, status, count(*) as commissioners
    from filtered
    group by wave_id, status
),

grid as (
    select
        w.wave_id,
        w.period,
        s.status,
        s.status_label,
        s.sort_order,
        coalesce(c.commissioners, 0) as commissioners
    from waves_seen as w
    cross join statuses as s
    left join counted as c on c.wave_id = w.wave_id and c.status = s.status
),

final as (
    select
        *,
        sum(commissioners) over (partition by wave_id) as all_commissioners,
        sum(commissioners) filter (where status <> 'no_response') over (partition by wave_id) as responders,
        round(100.0 * commissioners / nullif(sum(commissioners) over (partition by wave_id), 0), 1) as pct_of_all,
        case when status <> 'no_response' then round(100.0 * commissioners / nullif(
            sum(commissioners) filter (where status <> 'no_response') over (partition by wave_id), 0), 1) end
            as pct_of_responders
    from grid
)

select * from final;

create or replace view mart_plan_status as
select * from plan_status_shares(null, null)
