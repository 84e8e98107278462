-- mart_non_response: who was asked, invited, reminded and who answered, per wave and organisation in scope.
-- Grain: wave_id, org_code (organisations in wave_scope). Inputs: waves, wave_scope, invitations,
-- int_org_responses, organisations. Response rate is the wave's: responded / in scope.
-- invited_at, reminders_sent (0, 1 or 2: the reminder and the final reminder that invitations record,
-- by e-mail or LimeSurvey) and last_reminded_at say how hard each was asked, for the chase list.
-- No suppression: these are organisations' own accountability figures, not people's answers.
create or replace view mart_non_response as
with scope as (
    select s.wave_id, w.survey_code, w.period, s.org_code, o.name as org_name, o.type as org_type
    from wave_scope as s
    inner join waves as w on w.wave_id = s.wave_id
    left join organisations as o on o.code = s.org_code
    where s.org_code is not null
),

invited as (
    select wave_id, org_code,
        min(sent_at) as invited_at,
        max(reminded_at) as reminded_at,
        max(final_reminder_at) as final_reminder_at,
        count(reminded_at) + count(final_reminder_at) as reminders_sent
    from invitations
    where org_code is not null
    group by wave_id, org_code
),

joined as (
    select
        s.*,
        i.invited_at is not null as invited,
        i.reminded_at is not null or i.final_reminder_at is not null as reminded,
        i.final_reminder_at is not null as final_reminded,
        r.respondent is not null as responded,
        r.answered_at,
        i.invited_at,
        coalesce(i.reminders_sent, 0) as reminders_sent,
        greatest(i.reminded_at, i.final_reminder_at) as last_reminded_at
    from scope as s
    left join invited as i on i.wave_id = s.wave_id and i.org_code = s.org_code
    left join int_org_responses as r on r.wave_id = s.wave_id and r.respondent = s.org_code
),

final as (
    select
        *,
        count(*) over (partition by wave_id) as wave_in_scope,
        count(*) filter (where responded) over (partition by wave_id) as wave_responded,
        round(100.0 * count(*) filter (where responded) over (partition by wave_id)
            / count(*) over (partition by wave_id), 1) as wave_response_rate
    from joined
)

select * from final
