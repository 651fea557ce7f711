"""Reading plan files into a Portfolio: located and fast parsers, the parse cache, messages."""
