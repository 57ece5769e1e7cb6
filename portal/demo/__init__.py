"""Demo data: the 商洛 2018 campaign of seed 004, loaded through the portal's services."""
