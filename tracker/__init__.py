"""IPAP Tracker core: the model, the loader, the frames and the charts, with no Streamlit."""

__version__ = "0.1.0"
