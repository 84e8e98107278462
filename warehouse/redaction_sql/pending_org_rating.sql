-- The distinct EVIDENCE answers still without a redacted copy (just landed, or landed before migration 0069).
select distinct EVIDENCE as said
from response_org_rating
where EVIDENCE is not null and EVIDENCE_redacted is null
