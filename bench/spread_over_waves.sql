-- The carers imported into the first wave, moved round-robin into the 8 carer waves (by raw id), raw rows too.
create or replace temp table bench_waves as
select
    w.wave_id,
    row_number() over (order by w.opens) - 1 as position
from waves as w
where w.survey_code = 'carer_experience';

update response_carer_experience as r
set wave_id = b.wave_id
from bench_waves as b
where b.position = r.raw_id % (select count(*) from bench_waves);

update raw_submissions as s
set wave_id = b.wave_id
from bench_waves as b
where s.survey_code = 'carer_experience' and b.position = s.raw_id % (select count(*) from bench_waves);
