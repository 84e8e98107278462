-- mart_carer_response_bias: do respondents differ from the sample by age band and by sex?
-- Grain: wave_id, dimension ('age_band' or 'sex'), code. Inputs: wave_scope (the sample, when it
-- carries age band and sex) and carer_wave_sums (current responses per AGEBAND and SEX), as the national
-- survey checks. Shares are of those with a known value; difference = respondents' share - sample's, in points.
-- Suppression: respondent_share is null where fewer than 5 respondents are in the cell.
create or replace view mart_carer_response_bias as
with sample as (
    select wave_id, 'age_band' as dimension, age_band as code
    from wave_scope where sample_ref is not null and age_band is not null
    union all
    select wave_id, 'sex', sex from wave_scope where sample_ref is not null and sex is not null
),

respondents as (
    -- the carers who answered, per wave and answer: the kept sums' response counts (warehouse/aggregates.py)
    select wave_id, breakdown as dimension, group_code as code, n as responded
    from carer_wave_sums
    where measure = 'responses' and breakdown in ('age_band', 'sex')
),

sample_counts as (
    select wave_id, dimension, code, count(*) as sampled from sample group by all
),

respondent_counts as (
    select * from respondents
    where (wave_id, dimension) in (select distinct wave_id, dimension from sample)
),

joined as (
    select
        coalesce(s.wave_id, r.wave_id) as wave_id,
        coalesce(s.dimension, r.dimension) as dimension,
        coalesce(s.code, r.code) as code,
        coalesce(s.sampled, 0) as sampled,
        coalesce(r.responded, 0) as responded
    from sample_counts as s
    full join respondent_counts as r using (wave_id, dimension, code)
),

final as (
    select
        *,
        round(100.0 * sampled / sum(sampled) over w, 1) as sample_share,
        case when responded >= 5 then round(100.0 * responded / sum(responded) over w, 1) end as respondent_share,
        case
            when responded >= 5
                then round(100.0 * responded / sum(responded) over w - 100.0 * sampled / sum(sampled) over w, 1)
        end as difference
    from joined
    window w as (partition by wave_id, dimension)
)

select * from final
