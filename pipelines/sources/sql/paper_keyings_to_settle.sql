-- Paper returns keyed twice whose keyings differ and that nothing has landed for yet: a third person settles them.
with latest as (
    select survey_code, wave_id, paper_ref,
        max(entry) as last_entry,
        bool_or(landed_batch_id is not null) as landed
    from paper_keyings
    group by survey_code, wave_id, paper_ref
),

final as (
    select survey_code, wave_id, paper_ref
    from latest
    where last_entry = 2 and not landed and survey_code = $survey
)

select * from final order by wave_id, paper_ref
