-- LimeSurvey against a live server (issue 19).
-- 1. A LimeSurvey response's source id was its response id alone, so two surveys synced into one wave (or
--    both without a wave) shared ids 1, 2, 3 and the second replaced the first as current. The key is now
--    `<server>/<survey id>/<response id>`, the server being its URL without the scheme and without
--    `/index.php/admin/remotecontrol`. Each stored response is re-keyed from the sync run that landed its
--    batch, and its versions renumbered within the new key: every version is kept, and the latest of each
--    key is current again.
-- 2. Responses not yet submitted (a sync with `--incomplete`) are marked `is_complete = false`, and the marts
--    leave them out.
-- 3. `limesurvey_seen` keeps a hash of each response's exported answers: an edit in LimeSurvey's admin
--    "edit response" page can leave the last-save stamp where it was, the hash always moves.
create macro limesurvey_server(url) as regexp_replace(
    regexp_replace(regexp_replace(lower(trim(url)), '^[a-z][a-z0-9+.-]*://', ''), '(/index\.php)?/admin/remotecontrol/?$', ''),
    '/+$',
    ''
);

alter table response_carer_experience add column is_complete boolean default true;
alter table response_org_rating add column is_complete boolean default true;
alter table response_commissioner_return add column is_complete boolean default true;
alter table limesurvey_seen add column answers_hash varchar;

create temp table limesurvey_keys as
select
    r.raw_id,
    limesurvey_server(s.server_url) || '/' || s.limesurvey_survey_id || '/' || r.source_id as source_id
from raw_submissions as r
inner join limesurvey_sync as s on r.batch_id = s.batch_id
where r.source = 'limesurvey';

update raw_submissions set source_id = k.source_id
from limesurvey_keys as k
where raw_submissions.raw_id = k.raw_id;

-- response ids come from one sequence shared by the three tables, so one list numbers them all
create temp table limesurvey_versions as
with stored as (
    select 'carer_experience' as survey_code, response_id, raw_id, wave_id, source_id, version
    from response_carer_experience where source = 'limesurvey'
    union all
    select 'org_rating', response_id, raw_id, wave_id, source_id, version
    from response_org_rating where source = 'limesurvey'
    union all
    select 'commissioner_return', response_id, raw_id, wave_id, source_id, version
    from response_commissioner_return where source = 'limesurvey'
),

keyed as (
    select
        s.survey_code,
        s.response_id,
        s.wave_id,
        s.version,
        coalesce(k.source_id, s.source_id) as source_id
    from stored as s
    left join limesurvey_keys as k on s.raw_id = k.raw_id
),

final as (
    select
        response_id,
        source_id,
        row_number() over (partition by survey_code, wave_id, source_id order by version, response_id) as version,
        row_number() over (
            partition by survey_code, wave_id, source_id order by version desc, response_id desc
        ) = 1 as is_current
    from keyed
)

select * from final;

update response_carer_experience set source_id = n.source_id, version = n.version, is_current = n.is_current
from limesurvey_versions as n
where response_carer_experience.response_id = n.response_id;

update response_org_rating set source_id = n.source_id, version = n.version, is_current = n.is_current
from limesurvey_versions as n
where response_org_rating.response_id = n.response_id;

update response_commissioner_return set source_id = n.source_id, version = n.version, is_current = n.is_current
from limesurvey_versions as n
where response_commissioner_return.response_id = n.response_id;

drop table limesurvey_versions;
drop table limesurvey_keys;
