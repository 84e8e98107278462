"""`make bench`: this machine's figures for the import, the marts, the pages and the pack at national sizes."""
