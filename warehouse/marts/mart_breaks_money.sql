-- mart_breaks_money: the breaks budget each commissioner reports, one row per commissioner per wave.
-- Grain: wave_id x org_code (every commissioner that existed in the wave). allocation = existing +
-- additional allocation; spend_share_pct = actual spend / allocation x 100 (null without both);
-- reports_none: answered but gave no money figure at all, or did not answer.
-- Inputs: mart_plan_status_by_commissioner, current commissioner returns. No suppression (public bodies).
create or replace view mart_breaks_money as
with money as (
    select wave_id, COMMISSIONER as org_code, BUDGETEXIST, BUDGETADD, SPENDPLAN, SPENDACTUAL
    from response_commissioner_return
    where is_current
),

final as (
    select
        s.wave_id,
        s.period,
        s.org_code,
        s.name,
        s.type,
        s.parent_code,
        s.region_code,
        s.responded,
        m.BUDGETEXIST as existing_allocation,
        m.BUDGETADD as additional_allocation,
        case when m.BUDGETEXIST is not null or m.BUDGETADD is not null
            then coalesce(m.BUDGETEXIST, 0) + coalesce(m.BUDGETADD, 0) end as allocation,
        m.SPENDPLAN as planned_spend,
        m.SPENDACTUAL as actual_spend,
        round(100.0 * m.SPENDACTUAL / nullif(coalesce(m.BUDGETEXIST, 0) + coalesce(m.BUDGETADD, 0), 0), 1)
            as spend_share_pct,
        coalesce(m.BUDGETEXIST, m.BUDGETADD, m.SPENDPLAN, m.SPENDACTUAL) is null as reports_none
    from mart_plan_status_by_commissioner as s
    left join money as m on m.wave_id = s.wave_id and m.org_code = s.org_code
)

select * from final
