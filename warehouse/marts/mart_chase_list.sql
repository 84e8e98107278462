-- mart_chase_list: who to chase, by name: the organisations a wave asked (its scope) that have not answered.
-- Grain: wave_id x org_code, for the commissioners' return and carers' organisations' rating waves
-- (a carers' wave asks a sample of people, who are never listed here).
-- Each row has the organisation's contacts as recorded (org_contacts; every name and address, joined
-- in address order), when it was invited, how many reminders went and the last one's date
-- (mart_non_response, from invitations), and whether it also missed the previous wave of the series
-- (int_wave_series): true when mart_repeat_non_responders lists it (a successor counts its
-- predecessors, as there); false when it answered that wave or was not asked in it; null when the wave
-- is the first of its series. is_open: the wave still takes answers, so the list is "not yet", and
-- wave_responded of wave_in_scope are the returns so far.
-- Inputs: mart_non_response, mart_repeat_non_responders, int_wave_series, org_contacts.
-- No suppression: organisations' own accountability, not people's answers.
create or replace view mart_chase_list as
with missing as (
    select *
    from mart_non_response
    where not responded and survey_code in ('commissioner_return', 'org_rating')
),

contacts as (
    select
        org_code,
        string_agg(coalesce(name, email), '; ' order by email) as contact_names,
        string_agg(email, '; ' order by email) as contact_emails
    from org_contacts
    group by org_code
),

final as (
    select
        m.wave_id,
        m.survey_code,
        m.period,
        m.org_code,
        m.org_name,
        m.org_type,
        c.contact_names,
        c.contact_emails,
        m.invited_at,
        m.reminders_sent,
        m.last_reminded_at,
        s.previous_period,
        case
            when s.previous_wave_id is null then null
            else r.org_code is not null
        end as missed_previous,
        s.is_open,
        m.wave_in_scope,
        m.wave_responded
    from missing as m
    inner join int_wave_series as s on s.wave_id = m.wave_id
    left join contacts as c on c.org_code = m.org_code
    left join mart_repeat_non_responders as r on r.wave_id = m.wave_id and r.org_code = m.org_code
)

select * from final
