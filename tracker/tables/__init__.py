"""Tables built from a Portfolio: the shared frames, the filters, the figures asked of them."""
