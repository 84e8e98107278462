-- Store each redacted DIFFERENCE answer beside it; _redacted holds (said, redacted) for the pending texts.
update response_carer_experience as r
set DIFFERENCE_redacted = d.redacted
from _redacted as d
where d.said = r.DIFFERENCE and r.DIFFERENCE_redacted is null
