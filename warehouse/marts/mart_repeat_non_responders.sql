-- mart_repeat_non_responders: organisations with no return this wave and none the wave before
-- (the previous wave of its series: int_wave_series), where "the same organisation" follows successions:
-- a CCG whose predecessor PCT was asked last wave and did not answer counts as a repeat.
-- Grain: wave_id, org_code. Inputs: mart_non_response, int_org_lines, int_wave_series. No suppression
-- (organisations).
create or replace view mart_repeat_non_responders as
with missing_now as (
    select n.wave_id, n.survey_code, n.period, n.org_code, n.org_name, p.previous_wave_id
    from mart_non_response as n
    inner join int_wave_series as p on p.wave_id = n.wave_id
    where not n.responded and p.previous_wave_id is not null
),

asked_before as (
    select m.wave_id, m.org_code, b.org_code as previous_org_code, b.responded
    from missing_now as m
    inner join int_org_lines as l on l.org_code = m.org_code
    inner join mart_non_response as b on b.wave_id = m.previous_wave_id and b.org_code = l.ancestor_code
),

final as (
    select m.wave_id, m.survey_code, m.period, m.org_code, m.org_name, m.previous_wave_id,
        list(a.previous_org_code order by a.previous_org_code) as previous_org_codes
    from missing_now as m
    inner join asked_before as a on a.wave_id = m.wave_id and a.org_code = m.org_code
    group by all
    having not bool_or(a.responded)
)

select * from final
