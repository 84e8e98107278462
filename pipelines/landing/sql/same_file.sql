-- The latest batch that read these very bytes (the same sha256) for the same survey and wave and left
-- every row known: none quarantined, so each landed, became a new version or was already present. A
-- known row stays known unless a response is deleted (by request or by the retention purge), after
-- which the file is read again. Binds $survey, $wave and $checksum.
with same_bytes as (
    select
        b.batch_id,
        b.received_at,
        b.rows_received,
        b.columns,
        b.extra_columns
    from import_batches as b
    where
        b.survey_code = $survey
        and b.source = 'file'
        and b.file_checksum = $checksum
        and b.wave_id is not distinct from $wave
        and b.quarantined = 0
),

deleted as (
    select max(a.logged_at) as last_deleted
    from audit_log as a
    where a.action in ('response deleted', 'retention purge')
),

final as (
    select
        s.rows_received,
        s.columns,
        s.extra_columns
    from same_bytes as s
    cross join deleted as d
    where d.last_deleted is null or d.last_deleted < s.received_at
    order by s.batch_id desc
    limit 1
)

select * from final
