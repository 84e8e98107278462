-- Carers' words for the pack: one redacted comment per theme for the quarter, the earliest received.
-- Parameter: $quarter. Comments come redacted from mart_carer_comments.
with themed as (
    select unnest(themes) as theme, comment, response_id from mart_carer_comments where period = $quarter
),

final as (
    select theme, comment
    from themed
    qualify row_number() over (partition by theme order by response_id) = 1
)

select * from final order by theme
