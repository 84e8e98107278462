-- mart_commissioner_lineage: each organisation's predecessors and successors, at any distance.
-- Grain: focus_code x related_code x direction ('predecessor' or 'successor'), with the date of the
-- change and the share of the predecessor that passed on (shares multiplied along a chain).
-- Inputs: org_successions (PCT -> CCG 2013, CCG mergers, CCG -> ICB 2022), organisations.
create or replace view mart_commissioner_lineage as
with recursive forward (focus_code, related_code, effective_date, share, steps) as (
    select predecessor_code, successor_code, effective_date, share, 1
    from org_successions
    where predecessor_code <> successor_code
    union all
    select f.focus_code, s.successor_code, s.effective_date, f.share * s.share, f.steps + 1
    from forward as f
    inner join org_successions as s on s.predecessor_code = f.related_code and s.effective_date > f.effective_date
        and s.predecessor_code <> s.successor_code
    where f.steps < 6
),

both_ways as (
    select focus_code, related_code, 'successor' as direction, effective_date, share from forward
    union all
    select related_code, focus_code, 'predecessor', effective_date, share from forward
),

paths_joined as (
    select focus_code, related_code, direction, effective_date, round(sum(share), 4) as share
    from both_ways
    group by focus_code, related_code, direction, effective_date
),

final as (
    select p.*, o.name as related_name, o.type as related_type
    from paths_joined as p
    inner join organisations as o on o.code = p.related_code
)

select * from final
