"""The Streamlit face of the tracker: one module per view or widget group (imports tracker)."""
