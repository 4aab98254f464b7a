"""Loading and rendering on every core, for big sites.

Worker processes are forked when the work is ready to share: for loading, once the files
are discovered; for rendering, once the site is checked and the templates compiled. They
inherit all of it, so only the number of a task goes to a worker and only its result
(documents, pages) comes back. Small sites (the fixtures, the real corpus) are handled in
this process: starting workers would cost more than it saves.

Forking is done only where it is safe — on Linux, from a process with a single thread
(``mkdocs serve`` runs a watcher and a server thread: it renders in this process). If a
task fails in a worker, every task is run again here, so that the error is raised in
this process with its place in the template (the CLI reports it as ``template:line``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable

MIN_WEIGHT = 100       # files or records; below, one process is as fast (decision 0014)
MIN_TASKS = 8          # fewer tasks than that: not worth a worker
_TASKS: list[Callable[[], Any]] = []


def run_all(tasks: list[Callable[[], Any]], weight: int) -> list[Any]:
    """The result of each task, in order. ``weight`` is the number of files or records
    the tasks handle: below ``MIN_WEIGHT`` they run in this process."""
    workers = min(os.cpu_count() or 1, len(tasks))
    if weight < MIN_WEIGHT or workers < 2 or len(tasks) < MIN_TASKS or not _can_fork():
        return [task() for task in tasks]
    _TASKS[:] = tasks
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(len(tasks))))
    except Exception:  # noqa: BLE001 — run again here: the error then comes with its traceback
        return [task() for task in tasks]
    finally:
        _TASKS.clear()


def _run(i: int) -> Any:
    return _TASKS[i]()


def _can_fork() -> bool:
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and multiprocessing.current_process().name == "MainProcess")
