-- Candidate carers' words for the pack: the earliest few redacted comments per theme for the quarter.
-- Parameters: $quarter, $threshold (the suppression threshold). Comments come redacted from
-- mart_carer_comments. A quote is taken only from a wave with at least $threshold comments and from an
-- area with at least $threshold (the mart leaves `area` null below it), so that no quote can be tied to
-- a handful of carers. board.sections picks one per theme, never the same words twice.
with wave as (
    select count(*) as comments from mart_carer_comments where period = $quarter
),

themed as (
    select unnest(c.themes) as theme, c.comment, c.response_id
    from mart_carer_comments as c, wave as w
    where c.period = $quarter and c.area is not null and w.comments >= $threshold
),

final as (
    select theme, comment, response_id
    from themed
    qualify row_number() over (partition by theme order by response_id) <= 20
)

select * from final order by theme, response_id
