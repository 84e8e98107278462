-- Remember a synced response's last-save stamp (replacing the one from an earlier sync).
insert or replace into limesurvey_seen (survey_code, server_url, limesurvey_survey_id, response_id, datestamp)
values (?, ?, ?, ?, ?)
