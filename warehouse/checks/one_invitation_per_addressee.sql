-- One invitation per wave and addressee: reminders give the same invitation a new token, never a second row.
select wave_id, channel, coalesce(org_code, sample_ref) as addressee, count(*) as invitations
from invitations
group by all
having count(*) > 1
