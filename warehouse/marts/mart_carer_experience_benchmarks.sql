-- mart_carer_experience_benchmarks: published values to set beside a local figure.
-- Grain: period x measure x area ('england' for England, else a council code). For each local
-- period (a quarter), the published wave nearest to it: a wave '2014-15' is taken as 1 October 2014.
-- same_year: the local period opens inside the published (financial) year, 1 April to 31 March; when
-- false the page says "nearest published year (2014-15)", never passing one year off as another.
-- Inputs: waves (carer_experience), ref_england_carer_measures, ref_council_carer_measures.
-- Published figures are already rounded and disclosure-controlled by their publisher.
create or replace view mart_carer_experience_benchmarks as
with periods as (
    select distinct period, opens from waves where survey_code = 'carer_experience'
),

published as (
    select 'england' as area, wave, measure, value, england_base as base from ref_england_carer_measures
    union all
    select council_code, wave, measure, value, base from ref_council_carer_measures
),

dated as (
    select *, make_date(cast(left(wave, 4) as integer), 10, 1) as wave_date from published
),

nearest as (
    select
        p.period,
        d.measure,
        d.area,
        d.wave as published_wave,
        d.value as published_value,
        d.base as published_base,
        p.opens between make_date(cast(left(d.wave, 4) as integer), 4, 1)
        and make_date(cast(left(d.wave, 4) as integer) + 1, 3, 31) as same_year
    from periods as p
    inner join dated as d on true
    qualify row_number() over (
        partition by p.period, d.measure, d.area order by abs(date_diff('day', p.opens, d.wave_date)), d.wave
    ) = 1
),

final as (
    select * from nearest
)

select * from final
