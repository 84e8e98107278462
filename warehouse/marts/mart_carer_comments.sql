-- mart_carer_comments: carers' answers to "what would make the biggest difference", redacted.
-- Grain: response_id (current responses with a comment). Text: DIFFERENCE_redacted, stored when the
-- answer landed (warehouse/redaction.py); themes: the simple themes whose words it contains. Comments
-- are shown to the Board only redacted; a comment is never tied to an area with fewer than
-- $suppress_below comments in the period (area null then).
-- Inputs: response_carer_experience, waves.
create or replace view mart_carer_comments as
with comments as (
    select
        r.response_id,
        w.period,
        r.AREA as area,
        r.DIFFERENCE as said,
        r.DIFFERENCE_redacted as comment
    from response_carer_experience as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current and r.DIFFERENCE is not null
),

tagged as (
    select response_id, period, area, comment, list_sort(comment_themes(said)) as themes from comments
),

counted as (
    select *, count(*) over (partition by period, area) as area_comments from tagged
),

final as (
    select
        response_id,
        period,
        case when area_comments >= $suppress_below then area end as area,
        comment,
        coalesce(themes, []) as themes
    from counted
)

select * from final
