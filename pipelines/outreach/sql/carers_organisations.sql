-- Every registered carers' organisation: its area, the commissioners it works with (and which fund
-- it), its contacts, and when it was retired. One row per organisation, for the administrators' page.
with links as (
    select
        carers_org_code,
        string_agg(commissioner_code || case when funded then ' (funds it)' else '' end, ', '
            order by commissioner_code) as works_with
    from carers_org_commissioners
    group by carers_org_code
),

contacts as (
    select
        org_code,
        string_agg(email, ', ' order by email) as contacts
    from org_contacts
    group by org_code
),

final as (
    select
        o.code,
        o.name,
        a.name as area,
        l.works_with,
        c.contacts,
        o.valid_to as retired_on
    from organisations as o
    left join organisations as a on o.parent_code = a.code
    left join links as l on o.code = l.carers_org_code
    left join contacts as c on o.code = c.org_code
    where o.type = 'carers_org'
)

select * from final order by name
