"""Running a benchmark's work in a forked child: its peak memory is its own, whatever
ran before it in this process, and the children it starts are counted as its own."""

import multiprocessing
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_fork(work: Callable[[], T], *, timeout: float = 3600) -> T:
    """What ``work`` returns (it must pickle), run in a forked child."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=lambda: results.put(work()))
    process.start()
    result = results.get(timeout=timeout)
    process.join()
    return result
