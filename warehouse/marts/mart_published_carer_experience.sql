-- mart_published_carer_experience: the carers' survey figures the public may see, for published carers'
-- waves only (waves.published_at; publishing a quarter publishes its carers' wave with its commissioners').
-- Grain: as mart_carer_experience (period x measure x breakdown x group), 'all' and 'area' breakdowns only,
-- with the council's name for an area. Every value comes from mart_carer_experience as it is, after its
-- disclosure control (docs/disclosure.md): a suppressed cell has no value, interval or base here either.
-- Inputs: mart_carer_experience, waves, organisations.
create or replace view mart_published_carer_experience as
with published as (
    select period, published_at
    from waves
    where survey_code = 'carer_experience' and published_at is not null
),

final as (
    select
        e.*,
        p.published_at,
        case when e.breakdown = 'all' then 'All areas' else coalesce(o.name, e.group_code) end as area_name
    from mart_carer_experience as e
    inner join published as p on p.period = e.period
    left join organisations as o on e.breakdown = 'area' and o.code = e.group_code
    where e.breakdown in ('all', 'area')
)

select * from final
