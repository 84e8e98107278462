-- One sync run, successful or not (the page shows the last one).
insert into limesurvey_sync (
    survey_code, server_url, limesurvey_survey_id, finished_at, outcome, message, last_response_id,
    received, landed, new_versions, quarantined, already_present, participants_added, batch_id
)
values (?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
