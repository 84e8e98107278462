-- mart_published_results: what the public page shows, for waves the Board has published only.
-- Grain: wave_id x org_code; the rows and columns of int_public_results (plan status, publication link
-- and co-production category per commissioner), kept only once the wave is published.
-- Inputs: int_public_results.
create or replace view mart_published_results as
with final as (
    select * from int_public_results
    where published_at is not null
)

select * from final
