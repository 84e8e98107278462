-- mart_published_results: what the public page shows, for waves the Board has published only.
-- Grain: wave_id x org_code. Type, when the wave was published, plan status, publication link and
-- co-production category per commissioner; organisations' own returns, so no respondent-level figure appears.
-- Inputs: mart_coproduction_gap, mart_plan_status_by_commissioner, waves (published_at).
create or replace view mart_published_results as
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
    where s.published_at is not null
)

select * from final
