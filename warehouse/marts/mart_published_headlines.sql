-- mart_published_headlines: the public page's headline figures, one row per published commissioners' wave.
-- Grain: wave_id (commissioner_return waves with published_at). Every share is of the commissioners the
-- wave asked (all_commissioners, mart_plan_status's pct_of_all base), never of every body that existed.
-- published_plans: status PUB; confirmed, disputed: co-production categories (mart_coproduction_gap),
-- beside rated, the commissioners that any carers' organisation rated.
-- Inputs: waves, mart_plan_status, mart_coproduction_gap. No suppression: organisations' own returns.
create or replace view mart_published_headlines as
with published as (
    select wave_id, period, published_at
    from waves
    where survey_code = 'commissioner_return' and published_at is not null
),

plans as (
    select
        wave_id,
        max(all_commissioners) as all_commissioners,
        max(responders) as responders,
        sum(commissioners) filter (where status = 'PUB') as published_plans,
        max(pct_of_all) filter (where status = 'PUB') as published_plans_pct
    from mart_plan_status
    group by wave_id
),

coproduction as (
    select
        wave_id,
        count(*) filter (where category = 'confirmed') as confirmed,
        count(*) filter (where category = 'disputed') as disputed,
        count(*) filter (where ratings > 0) as rated
    from mart_coproduction_gap
    group by wave_id
),

final as (
    select
        p.wave_id,
        p.period,
        p.published_at,
        coalesce(l.all_commissioners, 0) as all_commissioners,
        coalesce(l.responders, 0) as responders,
        coalesce(l.published_plans, 0) as published_plans,
        l.published_plans_pct,
        coalesce(c.confirmed, 0) as confirmed,
        coalesce(c.disputed, 0) as disputed,
        coalesce(c.rated, 0) as rated
    from published as p
    left join plans as l on l.wave_id = p.wave_id
    left join coproduction as c on c.wave_id = p.wave_id
)

select * from final
