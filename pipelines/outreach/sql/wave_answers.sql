-- How many of those a wave asked have answered, per wave: what closing or publishing a wave acts on.
-- Parameter: $wave_ids (a list of wave ids). Asked: the wave's scope (organisations and sampled carers);
-- answered: int_wave_responses (a carer answering without a sample reference is counted too).
with asked as (
    select wave_id, count(*) as asked
    from wave_scope
    group by wave_id
),

answered as (
    select wave_id, count(*) as answered
    from int_wave_responses
    group by wave_id
),

final as (
    select
        w.wave_id,
        w.survey_code,
        w.period,
        w.closed_at,
        w.published_at,
        coalesce(a.asked, 0) as asked,
        coalesce(r.answered, 0) as answered
    from waves as w
    left join asked as a on a.wave_id = w.wave_id
    left join answered as r on r.wave_id = w.wave_id
    where list_contains($wave_ids, w.wave_id)
)

select * from final
order by survey_code
