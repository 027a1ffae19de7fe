"""Python's cyclic garbage collector, paused while a file is read into many new objects, and kept off
what lives for a whole session.

Reading a bank or a progress file allocates tens of thousands of objects and makes no reference cycles;
each full pass of the collector walks every object so far, so passes over the growing heap made loading
superlinear (3.4 s of 10 s for a bank of 50,000 questions). Whatever the reading leaves is collected as
usual once the collector resumes.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def started() -> None:
    """An interface is up (the app's first screen, plain mode's learner): everything made so far
    (modules, the bank, the learner's history) lives as long as the session. Set it aside from the
    collector's passes (`gc.freeze`), which would otherwise walk a year of answers again and again while
    the learner answers, and resume the collector the interface paused for its start. What becomes
    garbage later is still freed as usual."""
    gc.freeze()
    gc.enable()
