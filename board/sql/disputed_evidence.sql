-- Disputed claims with the carers' organisations' evidence (mart_disputed_evidence, already redacted),
-- with each commissioner's claim standing beside its ratings (mart_coproduction_gap). Parameter: $quarter.
with evidence as (
    select *
    from mart_disputed_evidence
    where period = $quarter
),

final as (
    select
        e.*,
        g.ratings,
        g.median_rating
    from evidence as e
    inner join mart_coproduction_gap as g on g.period = e.period and g.org_code = e.commissioner_code
)

select * from final
order by commissioner_name, commissioner_code, rating, rater_name
