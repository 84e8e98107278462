-- int_org_lines: every organisation in a wave's scope with itself and all its predecessors (through
-- org_successions, any number of steps), so a PCT that became a CCG is the same line across waves.
-- Grain: org_code, ancestor_code. Inputs: wave_scope, org_successions. No suppression.
create or replace view int_org_lines as
with recursive lines (org_code, ancestor_code) as (
    -- a recursive CTE's columns are named in its header, so the same column twice is right here
    select distinct org_code, org_code from wave_scope where org_code is not null  -- noqa: AL08
    union
    select l.org_code, s.predecessor_code
    from lines as l
    inner join org_successions as s on s.successor_code = l.ancestor_code
),

final as (
    select * from lines
)

select * from final
