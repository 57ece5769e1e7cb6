# Nominations arrive with the nominations issue; the app exists so the layout is stable.
