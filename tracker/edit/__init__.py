"""Changing a plan file safely: the store (preview, save) locks, validates, writes and commits;
the editor it calls once (apply) makes the change to the YAML; refusals, git and editors beside."""
