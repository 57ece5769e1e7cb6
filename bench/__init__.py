"""`make bench`: load and spreadsheet figures of the portal (see bench/run.py)."""
