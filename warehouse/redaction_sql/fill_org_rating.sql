-- Store each redacted EVIDENCE answer beside it; _redacted holds (said, redacted) for the pending texts.
update response_org_rating as r
set EVIDENCE_redacted = d.redacted
from _redacted as d
where d.said = r.EVIDENCE and r.EVIDENCE_redacted is null
