"""The dashboard's pages: each file reads top to bottom as what the user sees."""
