-- int_public_results: what the public results page would show for a wave, published or not, so that the
-- Board sees exactly that before it publishes (dashboards/ui/publishing.py); mart_published_results keeps
-- the published waves only. Grain: wave_id x org_code. Plan status, publication link and co-production
-- category per commissioner; organisations' own returns, so no respondent-level figure appears.
-- Inputs: mart_coproduction_gap, mart_plan_status_by_commissioner (published_at from waves).
create or replace view int_public_results as
with final as (
    select
        s.period,
        s.org_code,
        s.name,
        s.type,
        s.published_at,
        s.status_label as plan_status,
        s.published_on,
        s.published_at_url,
        g.category as coproduction,
        g.ratings
    from mart_plan_status_by_commissioner as s
    inner join mart_coproduction_gap as g on g.wave_id = s.wave_id and g.org_code = s.org_code
)

select * from final
