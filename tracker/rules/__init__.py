"""The rules a loaded portfolio must keep (references, date order, history); they only judge."""
