-- Organisations in a wave's scope with no e-mail invitation yet, with their names and contacts.
with scope as (
    select s.org_code, o.name as org_name
    from wave_scope as s
    inner join organisations as o on o.code = s.org_code
    where s.wave_id = $wave and s.org_code is not null
),

invited as (
    select distinct org_code from invitations where wave_id = $wave and channel = 'email'
),

final as (
    select s.org_code, s.org_name, list(c.email order by c.email) filter (where c.email is not null) as emails
    from scope as s
    left join org_contacts as c on c.org_code = s.org_code
    where s.org_code not in (select org_code from invited)
    group by s.org_code, s.org_name
)

select * from final order by org_code
