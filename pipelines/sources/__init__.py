"""One module per source (files, web forms, paper, LimeSurvey): each turns its input into raw records for `land()`."""
