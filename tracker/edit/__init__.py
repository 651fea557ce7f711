"""Changing a plan file safely: preview and save, round-trip YAML, atomic writes, git, editors."""
