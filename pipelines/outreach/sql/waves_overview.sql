-- Every wave with its dates, whether it is closed, and how many organisations and sampled carers it asks.
with scope as (
    select wave_id, count(org_code) as organisations, count(sample_ref) as sampled_carers
    from wave_scope
    group by wave_id
),

final as (
    select w.wave_id, w.survey_code, w.period, w.opens, w.closes, w.closed_at is not null as closed,
        coalesce(s.organisations, 0) as organisations, coalesce(s.sampled_carers, 0) as sampled_carers
    from waves as w
    left join scope as s on s.wave_id = w.wave_id
)

select * from final order by survey_code, period desc
