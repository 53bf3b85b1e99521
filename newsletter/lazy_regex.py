"""Regular expressions compiled on their first use instead of at import.

Import time is part of the first message's latency (issue 12): a `re.compile` at module level
is paid by every process that imports the module, even one that never matches (the sender
imports newsletter.text but, when its helper renders the issue, never cuts a sentence).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def lazy_pattern(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A function that compiles `pattern` on its first call and returns the same compiled
    pattern after (`functools.cache`, so `.cache_info()` tells whether it was ever used)."""
    return functools.cache(lambda: re.compile(pattern))
