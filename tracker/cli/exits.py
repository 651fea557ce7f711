"""The command line's exit codes, defined once: scripts and CI branch on them."""

EXIT_OK = 0
# Problems found in the data, or a change refused because it would make a file invalid.
EXIT_PROBLEMS = 1
# The call itself is wrong: unknown option, missing path, unknown id, no browser for a PDF.
EXIT_USAGE = 2
# A bug in the tracker: reported in one sentence, never as a traceback.
EXIT_INTERNAL = 3
# Stopped by the user (Ctrl-C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
