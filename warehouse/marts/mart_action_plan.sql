-- mart_action_plan: one row per action of the plan per quarter in which it has an update.
-- Grain: action x quarter ('2011-Q3'); the latest update of each action in each quarter.
-- Inputs: action_plan, action_updates (every update kept; the latest in a quarter counts).
-- No suppression: the action plan holds no respondent data.
create or replace view mart_action_plan as
with ranked as (
    select
        u.*,
        row_number() over (partition by u.action_id, u.quarter order by u.updated_at desc) as recency
    from action_updates as u
),

latest as (
    select * from ranked where recency = 1
),

final as (
    select
        a.action_id,
        a.title,
        a.owner,
        a.target_date,
        a.measure,
        a.status,
        l.quarter,
        l.rag,
        l.narrative,
        l.evidence_url,
        l.updated_by,
        l.updated_at,
        a.is_demo
    from action_plan as a
    inner join latest as l on l.action_id = a.action_id
)

select * from final
