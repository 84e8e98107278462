-- mart_repeat_non_responders: commissioners with no return this wave and none the wave before.
-- Grain: wave_id x org_code (only the repeat non-responders). The wave before is the previous
-- period of the same survey. A line of succession counts as one: a CCG that took over from a PCT
-- "responded last wave" if the PCT did (org_successions, any share).
-- Inputs: mart_plan_status_by_commissioner, waves, org_successions. No suppression (organisations).
create or replace view mart_repeat_non_responders as
with ordered as (
    select wave_id, period, lag(wave_id) over (order by period) as previous_wave_id,
        lag(period) over (order by period) as previous_period
    from waves
    where survey_code = 'commissioner_return'
),

silent as (
    select s.wave_id, s.org_code, s.name, s.type, s.parent_code
    from mart_plan_status_by_commissioner as s
    where not s.responded
),

line as (
    select wave_id, org_code, org_code as same_line from silent
    union all
    select s.wave_id, s.org_code, p.predecessor_code
    from silent as s
    inner join org_successions as p on p.successor_code = s.org_code
),

answered_before as (
    select distinct l.wave_id, l.org_code
    from line as l
    inner join ordered as o on o.wave_id = l.wave_id
    inner join response_commissioner_return as r
        on r.wave_id = o.previous_wave_id and r.COMMISSIONER = l.same_line and r.is_current
),

final as (
    select s.*, o.period, o.previous_period
    from silent as s
    inner join ordered as o on o.wave_id = s.wave_id
    where o.previous_wave_id is not null
        and not exists (
            select 1 from answered_before as a where a.wave_id = s.wave_id and a.org_code = s.org_code
        )
)

select * from final
