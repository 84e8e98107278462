-- int_wave_commissioners: one row per commissioner_return wave per commissioner that existed in it.
-- Grain: wave_id x org_code. Inputs: waves, organisations (valid_from/valid_to), current returns.
-- The commissioners of a wave are those asked: its scope (wave_scope) when an administrator set one;
-- otherwise those invited to it (invitations). An organisation that filed a return counts too, asked
-- or not. Nobody else counts: a commissioner that existed but was never asked is not a non-responder
-- (a wave made by importing a file, with no scope, counts only those that answered).
-- region_code / region_name: the commissioner's region for the dashboards' filter, the nearest
-- ancestor in organisations.parent_code that is an SHA or an NHS region (a PCT's parent is its SHA;
-- a CCG's parent is its ICB, whose parent is the NHS region; an ICB's parent is the NHS region).
-- Null when there is none (councils): the filter shows those as "No region".
create or replace view int_wave_commissioners as
with waves_in_scope as (
    select wave_id, period, opens, closes, published_at
    from waves
    where survey_code = 'commissioner_return'
),

scoped as (
    select s.wave_id, s.org_code
    from wave_scope as s
    inner join waves_in_scope as w on w.wave_id = s.wave_id
    where s.org_code is not null
),

invited as (
    select distinct i.wave_id, i.org_code
    from invitations as i
    inner join waves_in_scope as w on w.wave_id = i.wave_id
    where i.org_code is not null and i.wave_id not in (select wave_id from scoped)
),

filed as (
    select distinct r.wave_id, r.COMMISSIONER as org_code
    from response_commissioner_return as r
    inner join waves_in_scope as w on w.wave_id = r.wave_id
    where r.is_current
),

regions as (
    select
        o.code as org_code,
        case
            when p.type in ('SHA', 'NHS_REGION') then p.code
            when g.type in ('SHA', 'NHS_REGION') then g.code
        end as region_code,
        case
            when p.type in ('SHA', 'NHS_REGION') then p.name
            when g.type in ('SHA', 'NHS_REGION') then g.name
        end as region_name,
        case
            when p.type in ('SHA', 'NHS_REGION') then p.type
            when g.type in ('SHA', 'NHS_REGION') then g.type
        end as region_type
    from organisations as o
    left join organisations as p on p.code = o.parent_code
    left join organisations as g on g.code = p.parent_code
),

final as (
    select distinct
        u.wave_id, w.period, w.published_at, u.org_code, o.name, o.type, o.parent_code,
        r.region_code, r.region_name, r.region_type
    from (select * from scoped union select * from invited union select * from filed) as u
    inner join waves_in_scope as w on w.wave_id = u.wave_id
    inner join organisations as o on o.code = u.org_code
    inner join regions as r on r.org_code = u.org_code
)

select * from final
