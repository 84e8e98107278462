-- Each action's standing at the end of a quarter: its latest update up to that quarter.
-- Parameters: $quarter ('2011-Q3'), $quarter_end (its last day). Overdue: past its target date
-- at the quarter's end, still open, and not green. Overdue actions first, then red, amber, green.
with latest as (
    select *
    from mart_action_plan
    where quarter <= $quarter
    qualify row_number() over (partition by action_id order by quarter desc, updated_at desc) = 1
),

final as (
    select
        *,
        status = 'open' and target_date < $quarter_end and rag <> 'green' as overdue
    from latest
)

select * from final
order by overdue desc, case rag when 'red' then 0 when 'amber' then 1 else 2 end, target_date, action_id
