"""Pipelines: every source (files, web forms, paper, LimeSurvey, demo) into the warehouse through one `land()`."""
