-- int_wave_responses: one row per wave and respondent (organisation code or carer sample reference) that answered.
-- Inputs: the current rows of the three typed tables (a commissioner's return names its COMMISSIONER,
-- a rating names its RATER, a keyed paper carer return carries its sample reference as source id), and
-- invitations completed through their link. Grain: wave_id, respondent. No suppression: staff view.
create or replace view int_wave_responses as
with answered as (
    select wave_id, COMMISSIONER as respondent, landed_at as answered_at
    from response_commissioner_return where is_current and wave_id is not null
    union all
    select wave_id, RATER, landed_at
    from response_org_rating where is_current and wave_id is not null
    union all
    select wave_id, source_id, landed_at
    from response_carer_experience where is_current and wave_id is not null
    union all
    select wave_id, coalesce(org_code, sample_ref), completed_at
    from invitations where completed_at is not null
),

final as (
    select wave_id, respondent, min(answered_at) as answered_at
    from answered
    where respondent is not null
    group by wave_id, respondent
)

select * from final
