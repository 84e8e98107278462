-- Invited organisations that have not answered, with which reminder (if any) is due on $today:
-- the final reminder from $final_days before closing, else the first reminder $after_days after the invitation.
with waiting as (
    select i.invitation_id, i.org_code, o.name as org_name, i.sent_at, i.reminded_at, i.final_reminder_at, w.closes
    from invitations as i
    inner join waves as w on w.wave_id = i.wave_id
    inner join organisations as o on o.code = i.org_code
    where i.wave_id = $wave and i.channel = 'email' and i.completed_at is null and w.closed_at is null
        and i.org_code not in (select respondent from int_wave_responses where wave_id = $wave)
),

due as (
    select *,
        case
            when final_reminder_at is null and $today >= closes - cast($final_days as integer) then 'final_reminder'
            when reminded_at is null and final_reminder_at is null
                and $today >= cast(sent_at as date) + cast($after_days as integer) then 'reminder'
        end as template
    from waiting
),

final as (
    select d.invitation_id, d.org_code, d.org_name, d.template, list(c.email order by c.email) as emails
    from due as d
    inner join org_contacts as c on c.org_code = d.org_code
    where d.template is not null
    group by all
)

select * from final order by org_code
