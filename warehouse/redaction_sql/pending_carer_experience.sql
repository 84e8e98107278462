-- The distinct DIFFERENCE answers still without a redacted copy (just landed, or landed before migration 0069).
select distinct DIFFERENCE as said
from response_carer_experience
where DIFFERENCE is not null and DIFFERENCE_redacted is null
