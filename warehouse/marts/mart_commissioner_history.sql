-- mart_commissioner_history: one organisation's line over time, across reorganisations.
-- Grain: focus_code x period x org_code: for an organisation and each of its predecessors and
-- successors (mart_commissioner_lineage), their plan status, co-production category and breaks
-- money in every wave, so a trend carries from PCT to CCG to ICB.
-- Inputs: mart_commissioner_lineage, mart_coproduction_gap, mart_breaks_money.
create or replace view mart_commissioner_history as
with line as (
    select distinct code as focus_code, code as org_code, 'itself' as relation from organisations
    where type in ('PCT', 'CCG', 'ICB', 'LA')
    union
    select focus_code, related_code, direction from mart_commissioner_lineage
),

final as (
    select
        l.focus_code,
        l.relation,
        g.period,
        g.org_code,
        g.name,
        s.status_label as plan_status,
        g.claims_engagement,
        g.ratings,
        g.median_rating,
        g.category,
        m.allocation,
        m.actual_spend,
        m.spend_share_pct
    from line as l
    inner join mart_coproduction_gap as g on g.org_code = l.org_code
    inner join mart_plan_status_by_commissioner as s on s.wave_id = g.wave_id and s.org_code = g.org_code
    left join mart_breaks_money as m on m.wave_id = g.wave_id and m.org_code = g.org_code
)

select * from final
