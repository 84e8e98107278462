-- mart_carer_response: carers' response rate and margin of error per wave and council area.
-- Grain: wave_id, area. Inputs: wave_scope (the sample: N per area), carer_wave_sums
-- (current responses: n per area). Margin of error at p = 0.5 with the finite population correction:
-- 1.96 * sqrt(p(1-p)/n * (N-n)/(N-1)), in points, against the national target of +/-5 points;
-- extra_needed is the further responses that would bring it within 5 points. Without a sample, N is
-- unknown and the correction is left out. No suppression: counts of responses, not answers.
create or replace view mart_carer_response as
with sampled as (
    select wave_id, area, count(*) as sampled
    from wave_scope
    where sample_ref is not null and area is not null
    group by wave_id, area
),

answered as (
    -- the carers who answered, per wave and council: the kept sums' response counts (warehouse/aggregates.py)
    select s.wave_id, s.group_code as area, s.n as responses
    from carer_wave_sums as s
    inner join waves as w on w.wave_id = s.wave_id and w.survey_code = 'carer_experience'
    where s.breakdown = 'area' and s.measure = 'responses'
),

joined as (
    select
        coalesce(s.wave_id, a.wave_id) as wave_id,
        coalesce(s.area, a.area) as area,
        s.sampled,
        coalesce(a.responses, 0) as responses,
        case when s.sampled is not null then greatest(s.sampled, coalesce(a.responses, 0)) end as population
    from sampled as s
    full join answered as a on a.wave_id = s.wave_id and a.area = s.area
),

measured as (
    select
        *,
        round(100.0 * responses / nullif(sampled, 0), 1) as response_rate,
        case
            when responses = 0 then null
            when population is null then 100 * 1.96 * sqrt(0.25 / responses)
            when population <= 1 or responses >= population then 0.0
            else 100 * 1.96 * sqrt(0.25 / responses * (population - responses) / (population - 1))
        end as margin_of_error,
        case
            when population is null then ceil(1.96 ^ 2 * 0.25 / 0.05 ^ 2)
            else ceil(1.96 ^ 2 * 0.25 * population / (0.05 ^ 2 * (population - 1) + 1.96 ^ 2 * 0.25) - 1e-9)
        end as responses_needed
    from joined
),

final as (
    select
        m.wave_id, m.area, o.name as area_name, m.sampled, m.responses, m.response_rate,
        round(m.margin_of_error, 2) as margin_of_error,
        coalesce(m.margin_of_error <= 5, false) as within_target,
        cast(greatest(0, m.responses_needed - m.responses) as integer) as extra_needed
    from measured as m
    left join organisations as o on o.code = m.area
)

select * from final
