"""The one landing path: raw kept first, validated against the survey, accepted or quarantined in one transaction."""
