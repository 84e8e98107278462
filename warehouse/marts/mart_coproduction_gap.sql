-- mart_coproduction_gap: each commissioner's claim against carers' organisations' ratings.
-- Grain: wave_id (commissioner_return wave) x org_code, over every commissioner that existed in it.
-- Ratings are the current org_rating answers of the rating waves that rate this return wave. 2 ("consulted") is the
-- line for engagement, so every median falls somewhere (1.5 included):
--   confirmed (claims, median >= 2), disputed (claims, median < 2), agreed_not_engaged (no claim or
--   no return, median < 2), unclaimed_engagement (no claim or no return, median >= 2), unrated.
-- not_engaged_at_all: every rating is 0. Inputs: mart_plan_status_by_commissioner, response_org_rating.
-- The rating count is shown; evidence text is redacted on the page (int_redacted_evidence).
create or replace view mart_coproduction_gap as
with ratings as (
    select
        w.rates_wave_id as return_wave_id,
        r.COMMISSIONER as org_code,
        count(*) as ratings,
        median(cast(r.ENGAGEMENT as integer)) as median_rating,
        min(cast(r.ENGAGEMENT as integer)) as min_rating,
        bool_and(r.ENGAGEMENT = '0') as not_engaged_at_all
    from response_org_rating as r
    inner join waves as w on w.wave_id = r.wave_id
    where r.is_current
    group by w.rates_wave_id, r.COMMISSIONER
),

final as (
    select
        s.wave_id,
        s.period,
        s.org_code,
        s.name,
        s.type,
        s.parent_code,
        s.region_code,
        s.region_name,
        s.responded,
        coalesce(s.claims_engagement, false) as claims_engagement,
        coalesce(r.ratings, 0) as ratings,
        r.median_rating,
        r.min_rating,
        coalesce(r.not_engaged_at_all, false) as not_engaged_at_all,
        case
            when r.ratings is null then 'unrated'
            when s.claims_engagement and r.median_rating >= 2 then 'confirmed'
            when s.claims_engagement then 'disputed'
            when r.median_rating < 2 then 'agreed_not_engaged'
            else 'unclaimed_engagement'
        end as category
    from mart_plan_status_by_commissioner as s
    left join ratings as r on r.return_wave_id = s.wave_id and r.org_code = s.org_code
)

select * from final
