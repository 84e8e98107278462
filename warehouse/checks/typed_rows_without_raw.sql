-- Every typed answer comes from a stored raw submission (raw is kept first).
select
    'carer_experience' as survey,
    r.raw_id
from response_carer_experience as r anti join raw_submissions using (raw_id)
union all
select 'org_rating', r.raw_id from response_org_rating as r anti join raw_submissions using (raw_id)
union all
select 'commissioner_return', r.raw_id from response_commissioner_return as r anti join raw_submissions using (raw_id)
