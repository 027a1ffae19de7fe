"""Python's cyclic garbage collector, paused while a file is read into many new objects.

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
