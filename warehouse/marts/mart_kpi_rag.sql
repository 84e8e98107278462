-- mart_kpi_rag: one row per KPI per period, its value against target and RAG by rule.
-- Grain: kpi_code x period ('2011-Q3'). Values: the latest hand-entered value for the period, else
-- the computed one (int_kpi_computed). RAG rule: green when the value meets the target in the KPI's
-- direction; amber when short of it by at most amber_within; red otherwise; null without a value.
-- Computed values come from marts that already suppress small numbers (null when suppressed).
create or replace view mart_kpi_rag as
with entered as (
    select *
    from kpi_values
    where org_code is null
    qualify row_number() over (partition by kpi_code, period order by entered_at desc) = 1
),

computed as (
    select k.kpi_code, c.period, c.value, c.base
    from kpis as k
    inner join int_kpi_computed as c on c.measure = k.computed_from
),

periods as (
    select kpi_code, period from entered
    union
    select kpi_code, period from computed
),

valued as (
    select
        p.kpi_code,
        p.period,
        coalesce(e.value, c.value) as value,
        coalesce(e.target, k.target) as target,
        case when e.value is not null then 'entered' else 'computed' end as value_source,
        c.base,
        e.note,
        k.name,
        k.unit,
        k.direction,
        k.amber_within,
        k.source,
        k.is_demo
    from periods as p
    inner join kpis as k on k.kpi_code = p.kpi_code
    left join entered as e on e.kpi_code = p.kpi_code and e.period = p.period
    left join computed as c on c.kpi_code = p.kpi_code and c.period = p.period
),

final as (
    select
        *,
        case
            when value is null or target is null then null
            when (direction = 'up' and value >= target) or (direction = 'down' and value <= target) then 'green'
            when abs(value - target) <= coalesce(amber_within, 0) then 'amber'
            else 'red'
        end as rag
    from valued
)

select * from final
