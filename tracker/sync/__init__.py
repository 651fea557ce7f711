"""Sync a data folder that is a git clone with its shared repository (git does the work).

`sync()` runs one sync (tracker.sync.procedure); tracker.sync.objectives decides conflicts
per objective; tracker.gitrun runs git without prompts, hooks or filters;
tracker.sync.config reads the `[sync]` settings; tracker.sync.messages says what happened.
"""

from tracker.sync.procedure import Outcome, Resolve, State, read_status, sync

__all__ = ["Outcome", "Resolve", "State", "read_status", "sync"]
