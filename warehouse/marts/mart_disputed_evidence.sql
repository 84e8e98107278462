-- mart_disputed_evidence: what carers' organisations wrote about commissioners whose claim is disputed.
-- Grain: one current rating of a 'disputed' commissioner. Evidence is redacted: EVIDENCE_redacted,
-- stored when it landed (warehouse/redaction.py).
-- Inputs: mart_coproduction_gap, response_org_rating, organisations.
create or replace view mart_disputed_evidence as
with disputed as (
    select wave_id, period, org_code, name, type, region_code from mart_coproduction_gap
    where category = 'disputed'
),

final as (
    select
        d.period,
        d.org_code as commissioner_code,
        d.name as commissioner_name,
        d.type,
        d.region_code,
        o.name as rater_name,
        cast(r.ENGAGEMENT as integer) as rating,
        r.EVIDENCE_redacted as evidence
    from disputed as d
    inner join waves as w on w.rates_wave_id = d.wave_id and w.survey_code = 'org_rating'
    inner join response_org_rating as r on r.wave_id = w.wave_id and r.COMMISSIONER = d.org_code and r.is_current
    inner join organisations as o on o.code = r.RATER
)

select * from final
