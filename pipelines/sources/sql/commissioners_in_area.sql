-- The commissioners a carers' organisation rates: those sharing its parent (its Strategic Health
-- Authority or region), of a commissioning type. One row per commissioner; binds $rater.
with rater as (
    select o.parent_code
    from organisations as o
    where o.code = $rater and o.type = 'carers_org'
),

final as (
    select c.code, c.name
    from organisations as c
    inner join rater as r on c.parent_code = r.parent_code
    where c.type in ('PCT', 'CCG', 'ICB', 'LA')
)

select * from final order by name
