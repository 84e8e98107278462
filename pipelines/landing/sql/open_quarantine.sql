-- Quarantined rows still waiting for a decision: one row per problem (field) of each open raw row,
-- newest batch first. Binds $batch (null for every batch).
with open_rows as (
    select r.raw_id, r.batch_id, r.survey_code, r.row_number
    from raw_submissions as r
    where
        r.raw_id in (select raw_id from rejections)
        and r.raw_id not in (select raw_id from quarantine_outcomes)
        and ($batch is null or r.batch_id = $batch)
),

final as (
    select
        o.batch_id,
        o.survey_code,
        b.file_name,
        b.source,
        o.row_number,
        j.field,
        j.value,
        j.reason,
        o.raw_id
    from open_rows as o
    inner join rejections as j on o.raw_id = j.raw_id
    inner join import_batches as b on o.batch_id = b.batch_id
)

select * from final order by batch_id desc, row_number asc, field asc
