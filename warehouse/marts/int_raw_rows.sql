-- int_raw_rows: one row per raw submission, its values paired with the column names it arrived with.
-- Inputs: raw_submissions (values as a JSON array), import_batches (the batch's column names).
-- For reading and quarantine review by administrators only: raw rows are never shown to the Board.
create or replace view int_raw_rows as
with paired as (
    select
        s.raw_id,
        s.batch_id,
        s.survey_code,
        s.wave_id,
        s.source,
        s.source_id,
        s.row_number,
        s.received_at,
        b.file_name,
        list_zip(b.columns, cast(s.payload as varchar[])) as pairs
    from raw_submissions as s
    inner join import_batches as b on b.batch_id = s.batch_id
),

final as (
    select
        * exclude (pairs),
        cast(to_json(map_from_entries(pairs)) as json) as received
    from paired
)

select * from final
