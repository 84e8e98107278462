"""The synthetic demo data set, marked demo everywhere so one command removes it."""
