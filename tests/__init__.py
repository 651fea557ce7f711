"""The test suite; its folders mirror tracker/ (load, edit, export, cli, tables) and the app."""
