-- Redacted free text, stored beside each free-text answer: redaction runs when an answer lands
-- (warehouse/redaction.py, from land()), not on every page view. Rows landed before this are
-- filled by warehouse.prepare (redaction.fill_missing) the next time the database is opened.
alter table response_carer_experience add column DIFFERENCE_redacted varchar;
alter table response_org_rating add column EVIDENCE_redacted varchar;
