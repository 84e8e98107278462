-- Every typed answer comes from a stored raw submission (raw is kept first), except in waves whose raw rows
-- were purged at the end of the retention period (retention_purged_waves).
select
    'carer_experience' as survey,
    r.raw_id
from response_carer_experience as r anti join raw_submissions using (raw_id)
where coalesce(r.wave_id, -1) not in (select p.wave_id from retention_purged_waves as p)
union all
select 'org_rating', r.raw_id from response_org_rating as r anti join raw_submissions using (raw_id)
where coalesce(r.wave_id, -1) not in (select p.wave_id from retention_purged_waves as p)
union all
select 'commissioner_return', r.raw_id from response_commissioner_return as r anti join raw_submissions using (raw_id)
where coalesce(r.wave_id, -1) not in (select p.wave_id from retention_purged_waves as p)
