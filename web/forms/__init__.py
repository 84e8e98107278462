"""The survey forms as GOV.UK pages, served beside the dashboards (`/survey/...`).

Server-rendered from the definitions in surveys/, with GOV.UK Frontend's own macros, so they work with
JavaScript off; each step is its own address (Back and reload work), its state is on the server
(pipelines.sources.form_sessions), and answers land through the same `land()` as every other source.
"""
