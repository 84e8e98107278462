-- Sampled carers sent a letter for this wave who have not answered (by their link or on paper).
with posted as (
    select sample_ref from invitations
    where wave_id = $wave and channel = 'post' and completed_at is null and sample_ref is not null
),

final as (
    select sample_ref from posted
    where sample_ref not in (select respondent from int_wave_responses where wave_id = $wave)
)

select * from final order by sample_ref
