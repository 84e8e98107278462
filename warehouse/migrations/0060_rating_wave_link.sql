-- A rating wave says which commissioner-return wave it rates; the co-production marts join on this
-- link rather than on equal period labels. Existing rating waves rate the return wave of their period.
alter table waves add column rates_wave_id integer;

update waves as r
set rates_wave_id = c.wave_id
from waves as c
where r.survey_code = 'org_rating' and c.survey_code = 'commissioner_return' and c.period = r.period;
