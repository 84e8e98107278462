-- int_wave_responses: one row per wave and respondent (organisation code or carer sample reference) that answered,
-- for the letters and reminders (who is still to be asked again) and each wave's answer counts.
-- Inputs: int_org_responses and the current carers' responses (a keyed paper carer return carries its
-- sample reference as source id). Grain: wave_id, respondent. No suppression: staff view.
create or replace view int_wave_responses as
with answered as (
    select wave_id, respondent, answered_at from int_org_responses
    union all
    select wave_id, source_id, landed_at
    from response_carer_experience where is_current and wave_id is not null
),

final as (
    select wave_id, respondent, min(answered_at) as answered_at
    from answered
    group by wave_id, respondent
)

select * from final
