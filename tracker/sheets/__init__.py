"""Spreadsheets in and out: update workbooks for institutions, their import, plans from tables.

One module per job: `columns` (the sheets' machine keys and headers), `cells` (the located
message for a cell), `guard` (hostile workbooks refused before parsing), `reader` (a
filled workbook or CSV read into rows of cells), `values` (what a person typed, read as
the format's values), `version` (an objective's version hash), `workbook` (the update
workbook and the plan template), `updates` (a filled workbook applied through the store),
`plan_table` (a new plan file from a table of objectives).
"""
