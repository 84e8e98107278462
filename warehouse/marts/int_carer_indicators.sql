-- carer_indicators(responses): each carer response's contribution to each measure, one row per row of the
-- table or view named (its current and earlier versions alike: the caller picks). Each indicator is 1 (counts
-- in the numerator), 0 (in the base only) or null (not in the base), exactly as NATIONAL_MEASURES.md
-- computes the measures:
--   carer_quality_of_life: each of the six QoL items scores 2/1/0 (first/second/third option); the sum, 0-12,
--     only when all six are answered;
--   satisfied: extremely or very satisfied, of all answers but "not received any support";
--   consulted: always or usually, of all answers but "no discussions";
--   information_easy: very or fairly easy, of all answers but "not tried";
--   social_contact: the first option of the social participation item, of all its answers.
-- Local measures: had_break (of those answering BREAK12); assessment_28d (completed assessments
-- with days given: 28 days or fewer). Outcome measures: see surveys/outcomes.yaml.
-- Counts that are not measures: `responses` is 1 for every response (its count is the number of carers who
-- answered, for response rates), and each `theme_<theme>` is 1 when the carer's comment takes the theme, 0
-- when it does not and null without a comment (comment_themes()), so a theme's sum counts its comments.
create or replace macro carer_indicators(responses) as table
select
    response_id,
    wave_id,
    is_current,
    'all' as everyone,
    AREA as area,
    AGEBAND as age_band,
    SEX as sex,
    ETHNIC as ethnicity,
    HOURS as hours_caring,
    OWNHEALTH as own_health,
    1 as responses,
    list_contains(themes, 'breaks')::integer as theme_breaks,
    list_contains(themes, 'health')::integer as theme_health,
    list_contains(themes, 'information')::integer as theme_information,
    list_contains(themes, 'employment')::integer as theme_employment,
    list_contains(themes, 'money')::integer as theme_money,
    list_contains(themes, 'young_carers')::integer as theme_young_carers,
    case when QOLTIME is not null and QOLCONTROL is not null and QOLSELFCARE is not null
        and QOLSAFETY is not null and QOLSOCIAL is not null and QOLSUPPORT is not null
        then (3 - cast(QOLTIME as integer)) + (3 - cast(QOLCONTROL as integer))
            + (3 - cast(QOLSELFCARE as integer)) + (3 - cast(QOLSAFETY as integer))
            + (3 - cast(QOLSOCIAL as integer)) + (3 - cast(QOLSUPPORT as integer))
    end as carer_quality_of_life,
    case when SATISFIED in ('1', '2') then 1 when SATISFIED in ('3', '4', '5', '6', '7') then 0 end as satisfied,
    case when CONSULTED in ('1', '2') then 1 when CONSULTED in ('3', '4') then 0 end as consulted,
    case when INFOEASY in ('1', '2') then 1 when INFOEASY in ('3', '4') then 0 end as information_easy,
    case when QOLSOCIAL = '1' then 1 when QOLSOCIAL in ('2', '3') then 0 end as social_contact,
    case when BREAK12 = 'Y' then 1 when BREAK12 = 'N' then 0 end as had_break,
    case when ASSESSDONE = 'Y' and ASSESSDAYS is not null then (ASSESSDAYS <= 28)::integer end as assessment_28d,
    case when QOLTIME = '1' then 1 when QOLTIME in ('2', '3') then 0 end as time_as_wanted,
    case when QOLSELFCARE = '1' then 1 when QOLSELFCARE in ('2', '3') then 0 end as looks_after_self,
    case when OWNHEALTH in ('1', '2') then 1 when OWNHEALTH in ('3', '4', '5') then 0 end as good_health,
    case when WORK = '3' then 0 when WORK in ('1', '2', '4', '5') then 1 end as kept_work,
    case when AGEBAND = '1' and BREAK12 = 'Y' then 1 when AGEBAND = '1' and BREAK12 = 'N' then 0 end
        as young_carer_break
from (select *, comment_themes(DIFFERENCE) as themes from query_table(responses));

-- int_carer_indicators: the same for every current response, with its wave's period. Grain: response_id.
create or replace view int_carer_indicators as
select i.* exclude (is_current), w.period
from carer_indicators('response_carer_experience') as i
inner join waves as w on w.wave_id = i.wave_id
where i.is_current
