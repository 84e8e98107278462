-- The national carer measures for the quarter (all areas) beside England's nearest published value
-- (same_year: published for the year the quarter falls in).
-- Parameter: $quarter. Values are null where suppressed (fewer respondents than the threshold).
with local as (
    select measure, value, ci_lower, ci_upper, base, suppressed, unit
    from mart_carer_experience
    where period = $quarter and breakdown = 'all'
        and measure in (
            'carer_quality_of_life', 'satisfied', 'information_easy', 'consulted', 'social_contact', 'had_break',
            'assessment_28d'
        )
),

final as (
    select l.*, b.published_value as england, b.published_wave as england_wave, b.same_year
    from local as l
    left join mart_carer_experience_benchmarks as b
        on b.period = $quarter and b.measure = l.measure and b.area = 'england'
)

select * from final order by measure
