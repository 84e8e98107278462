-- Raw rows (and their quarantine records) of waves closed longer ago than the retention period.
-- A wave counts as closed from closed_at, else from its closing date.
select r.raw_id
from raw_submissions as r
inner join waves as w on r.wave_id = w.wave_id
where coalesce(w.closed_at, cast(w.closes + interval 1 day as timestamp)) < $cutoff
