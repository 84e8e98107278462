-- int_org_responses: one row per wave and organisation that answered (mart_non_response's "responded"), or
-- carer sample reference whose invitation link was completed. Inputs: the current rows of the organisations'
-- two typed tables (a commissioner's return names its COMMISSIONER, a rating names its RATER) and invitations
-- completed through their link. Carers' own responses are left to int_wave_responses: no organisation answers
-- as a carer, and at millions of rows they would cost every organisation's figure a quarter of a second.
-- Grain: wave_id, respondent. No suppression: staff view.
create or replace view int_org_responses as
with answered as (
    select wave_id, COMMISSIONER as respondent, landed_at as answered_at
    from response_commissioner_return where is_current and wave_id is not null
    union all
    select wave_id, RATER, landed_at
    from response_org_rating where is_current and wave_id is not null
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
