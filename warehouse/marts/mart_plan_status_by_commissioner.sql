-- mart_plan_status_by_commissioner: the league table, one row per commissioner per wave.
-- Grain: wave_id x org_code, over every commissioner that existed in the wave (int_wave_commissioners).
-- Inputs: current commissioner returns. A commissioner without a current return is 'no_response'.
-- region_code/region_name/type carry the dashboards' filters (see int_wave_commissioners).
-- No suppression: these are organisations' own public-body returns, not respondents' answers.
create or replace view mart_plan_status_by_commissioner as
with returns as (
    select wave_id, COMMISSIONER as org_code, PLANSTATUS, PUBDATE, PUBURL, WORKSWITH, JOINTPLAN
    from response_commissioner_return
    where is_current
),

final as (
    select
        c.wave_id,
        c.period,
        c.published_at,
        c.org_code,
        c.name,
        c.type,
        c.parent_code,
        c.region_code,
        c.region_name,
        c.region_type,
        coalesce(r.PLANSTATUS, 'no_response') as status,
        case coalesce(r.PLANSTATUS, 'no_response')
            when 'PUB' then 'Published updated plan and budget'
            when 'WILL' then 'Will publish this year'
            when 'NOUPD' then 'No plan to update'
            when 'NONE' then 'No plan'
            else 'No response'
        end as status_label,
        r.org_code is not null as responded,
        r.PUBDATE as published_on,
        r.PUBURL as published_at_url,
        r.WORKSWITH = 'Y' as claims_engagement,
        r.JOINTPLAN = 'Y' as joint_plan
    from int_wave_commissioners as c
    left join returns as r on r.wave_id = c.wave_id and r.org_code = c.org_code
)

select * from final
