"""The city office's side of the December process in the Wagtail admin (公示与表彰):
notices, objections, the commendation decision and the honours it conferred."""
