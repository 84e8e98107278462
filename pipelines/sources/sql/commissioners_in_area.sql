-- The commissioners a carers' organisation rates: those sharing its parent (the area it serves, or
-- for the 2011 demo its Strategic Health Authority), the area itself when that is a commissioner (a
-- council, an ICB), and those it is registered as working with. One row per commissioner; binds $rater.
with rater as (
    select o.code, o.parent_code
    from organisations as o
    where o.code = $rater and o.type = 'carers_org'
),

in_area as (
    select c.code
    from organisations as c
    inner join rater as r on c.parent_code = r.parent_code or c.code = r.parent_code
),

linked as (
    select l.commissioner_code as code
    from carers_org_commissioners as l
    inner join rater as r on l.carers_org_code = r.code
),

final as (
    select distinct c.code, c.name
    from organisations as c
    where
        c.type in ('PCT', 'CCG', 'ICB', 'LA')
        and (c.code in (select code from in_area) or c.code in (select code from linked))
)

select * from final order by name
