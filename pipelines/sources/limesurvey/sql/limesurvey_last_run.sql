-- The latest sync run of one instrument, for the administration page.
with runs as (
    select *
    from limesurvey_sync
    where survey_code = ?
),

final as (
    select * from runs order by sync_id desc limit 1
)

select * from final
