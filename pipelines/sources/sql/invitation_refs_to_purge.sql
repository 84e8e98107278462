-- Each sampled carer's reference in a wave that has closed, still as the council's sample gave it: after closing it
-- is needed only to count who answered, so it becomes a random stand-in, the same in every table of its wave.
with refs as (
    select wave_id, sample_ref from wave_scope where sample_ref is not null
    union
    select wave_id, sample_ref from invitations where sample_ref is not null
    union
    select wave_id, sample_ref from message_log where sample_ref is not null
)

select
    refs.wave_id,
    refs.sample_ref,
    'purged-' || md5(cast(gen_random_uuid() as varchar))[1:12] as stand_in
from refs
inner join waves as w on refs.wave_id = w.wave_id
where
    coalesce(w.closed_at, cast(w.closes + interval 1 day as timestamp)) < $now
    and not starts_with(refs.sample_ref, 'purged-')
