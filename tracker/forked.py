"""Run one piece of heavy work in a forked child process and take back only its answer.

Why: a long-running server (the app) that builds 140,000 pydantic models to assemble a
portfolio, or a meeting deck's worth of temporary objects to write one file, keeps that memory
after the objects are freed: Python's allocator and the C library hand little of it back to
the system while small survivors sit between the freed blocks. In a child the work's peak is
the child's; the parent receives the pickled answer (a few compact objects) and its own
memory stays what it holds. A fork costs milliseconds (no new interpreter, no imports) and
the child sees the parent's data as it is, monkeypatched functions included.

Where fork is missing (not Linux or macOS), or inside a child already, the work runs in the
calling process: the answer is the same, only the memory differs. A child may still fork a
worker of its own (tracker.load.parallel, `can_fork_worker`): a child runs one thread, as the
worker needs; a worker forks nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

Answer = TypeVar("Answer")
Other = TypeVar("Other")
Progress = Callable[[float, str], None]

_PROGRESS, _DONE, _FAILED = "progress", "done", "failed"
_IN_CHILD = False  # in run_forked's child or a worker: run_forked works here, in place
_IN_WORKER = False  # in a worker (mark_child): nothing is forked from here at all


class ChildFailed(RuntimeError):
    """The child died or its error could not be sent back: the message says what is known."""


def can_fork() -> bool:
    return hasattr(os, "fork") and not _IN_CHILD and sys.platform != "win32"


def can_fork_worker() -> bool:
    """Whether a worker may be forked here (tracker.load.parallel): in the calling process, and
    also in run_forked's child (the app assembles its data there), but never in a worker."""
    return hasattr(os, "fork") and not _IN_WORKER and sys.platform != "win32"


def mark_child() -> None:
    """Called first in a child forked elsewhere (tracker.load.parallel): no more forks below."""
    global _IN_CHILD, _IN_WORKER
    _IN_CHILD = _IN_WORKER = True


def run_forked(
    work: Callable[..., Answer], *args: Any, progress: Progress | None = None, **kwargs: Any
) -> Answer:
    """`work(*args, **kwargs)` (with `progress=` a callback that reports back, when `progress`
    is given) run in a forked child; its return value, or its exception raised here."""
    if progress is not None:
        kwargs = {**kwargs, "progress": progress}
    child = start_forked(work, *args, **kwargs)
    if child is None:
        return work(*args, **kwargs)
    return child.answer(progress)


class Forked(Generic[Answer]):
    """A child started by `start_forked`: `answer()` waits for what it sends back, `cancel()`
    ends it unheard. One of the two, once."""

    def __init__(self, pid: int, read_end: int) -> None:
        self._pid = pid
        self._read_end = read_end

    def answer(self, progress: Progress | None = None) -> Answer:
        """The child's return value, or its exception raised here."""
        answered = False
        try:
            with os.fdopen(self._read_end, "rb") as answers:
                while True:
                    try:
                        kind, *payload = pickle.load(answers)
                    except EOFError:
                        raise ChildFailed("the worker process ended without an answer") from None
                    if kind == _PROGRESS:
                        if progress is not None:
                            progress(*payload)
                    elif kind == _DONE:
                        answered = True
                        answer = payload[0]
                        del payload
                        give_back_memory()  # what reading the answer took on the way
                        return answer  # type: ignore[no-any-return]
                    else:
                        answered = True
                        raise payload[0]
        finally:
            if not answered:  # the caller gave up (a rerun, a closed page): so does the child
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)

    def cancel(self) -> None:
        """End the child without reading its answer (the work it does is no longer wanted)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.close(self._read_end)
        os.waitpid(self._pid, 0)


def start_forked(work: Callable[..., Answer], *args: Any, **kwargs: Any) -> Forked[Answer] | None:
    """`work(*args, **kwargs)` started in a forked child now, its answer taken later (the caller
    goes on with other work meanwhile); None where no child can be forked (`can_fork`): the
    caller then runs the work itself. A `progress=` keyword is the child's pipe back to
    `Forked.answer(progress)`."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the answer, leave without any cleanup
        os.close(read_end)
        _child(write_end, work, args, kwargs)
    os.close(write_end)
    return Forked(pid, read_end)


def alongside(side: Callable[[], Other], main: Callable[[], Answer]) -> tuple[Other, Answer]:
    """`(side(), main())`, with `side` run in a forked worker while `main` runs here: two
    independent pieces of work on two cores (the app's child packs the objectives while it
    builds the frames). Only where a worker may be forked (`can_fork_worker`, a second core
    ours, one thread running); else, or when the worker dies or its answer does not pickle,
    `side` runs here after `main`. An error in `side` is raised by running it here."""
    if not can_fork_worker() or threading.active_count() != 1 or cores() < 2:
        answer = main()
        return side(), answer
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: its answer, pickled, or nothing (run again by the caller)
        os.close(read_end)
        _side_worker(write_end, side)
    os.close(write_end)
    handed_over = False
    found: list[Other] = []
    try:
        answer = main()
        handed_over = True
        with os.fdopen(read_end, "rb") as stream, contextlib.suppress(Exception):
            found.append(pickle.load(stream))
    finally:
        if not handed_over:  # main failed or was interrupted: the worker is not waited for
            os.close(read_end)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    return (found[0] if found else side()), answer


def _side_worker(write_end: int, side: Callable[[], Any]) -> None:
    mark_child()
    code = 0
    try:
        data = pickle.dumps(side(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
    except BaseException:  # no answer: the caller runs `side` itself
        code = 1
    finally:
        os._exit(code)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def give_back_memory() -> None:
    """Hand the memory freed since the last call back to the system, as far as it can be.

    A long-running server frees what a page run or a received answer made, but glibc keeps
    the freed blocks in its heaps (one per thread that allocated: Streamlit runs each script
    run in a thread of its own), and a freed large buffer raises the size below which it
    serves the next from those heaps: at 10,000 objectives the app server held some 60 MB
    it had freed (issue 19). `malloc_trim(0)` returns every whole free page of every heap.
    The frames' text columns (pandas' Arrow strings) live in Arrow's own memory pool
    (mimalloc), which keeps what it freed for reuse just as well: `release_unused` hands
    it back. Well under a millisecond each; nothing where there is no such call.
    """
    arrow = sys.modules.get("pyarrow")  # never imported here: only where frames are
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def _child(
    write_end: int, work: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    global _IN_CHILD
    _IN_CHILD = True
    code = 0
    try:
        with os.fdopen(write_end, "wb") as out:

            def progress(share: float, message: str) -> None:
                pickle.dump((_PROGRESS, share, message), out)
                out.flush()

            if "progress" in kwargs:
                kwargs = {**kwargs, "progress": progress}
            try:
                answer = work(*args, **kwargs)
                message: tuple[Any, ...] = (_DONE, answer)
            except Exception as error:  # sent to the parent, which raises it
                message = (_FAILED, error)
            try:
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an error (or answer) that does not pickle: its text does
                text = "".join(traceback.format_exception_only(*sys.exc_info()[:2]))
                if message[0] == _FAILED:
                    text = "".join(traceback.format_exception(message[1]))
                data = pickle.dumps((_FAILED, ChildFailed(text.strip())))
            out.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
