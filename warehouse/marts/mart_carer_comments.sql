-- mart_carer_comments: carers' answers to "what would make the biggest difference", redacted.
-- Grain: response_id (current responses with a comment). Text: redact(DIFFERENCE); themes: the
-- simple themes whose words it contains. Comments are shown to the Board only redacted; a comment
-- is never tied to an area with fewer than $suppress_below comments in the period (area null then).
-- Inputs: response_carer_experience, waves.
create or replace view mart_carer_comments as
with themes as (
    select * from (values
        ('breaks', '\b(break|breaks|respite|sitting service|short stay|day out|voucher)'),
        ('money', '\b(money|allowance|benefit|debt|afford|cost|pay|paid|income)'),
        ('information', '\b(information|advice|entitled|leaflet|website|in one place)'),
        ('health', '\b(health|sleep|tired|exhausted|depress|stress|gp|doctor|nurse|mental)'),
        ('employment', '\b(job|jobs|work\b|working|employer|employment|career)'),
        ('young_carers', '\b(school|young carer|under 18|teenage|only 1[0-7]\b)')
    ) as t (theme, pattern)
),

comments as (
    select
        r.response_id,
        w.period,
        r.AREA as area,
        redact(r.DIFFERENCE) as comment
    from response_carer_experience as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current and r.DIFFERENCE is not null
),

tagged as (
    select
        c.response_id,
        c.period,
        c.area,
        c.comment,
        list(t.theme order by t.theme) filter (where regexp_matches(lower(c.comment), t.pattern)) as themes
    from comments as c
    cross join themes as t
    group by c.response_id, c.period, c.area, c.comment
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
