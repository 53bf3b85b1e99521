"""What every source format shares: the error for a source that yields nothing."""

from __future__ import annotations

from newsletter.errors import SourceError
from newsletter.models import Problem


class EmptySourceError(SourceError):
    """The source was read, but not one summary survived parsing. `problems` says why for
    each line, record or entry, so the caller can show them before the one-line error."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def no_summaries(where: str, problems: list[Problem], skipped: int, unit: str) -> EmptySourceError:
    """ "day.txt contains no summaries (3 lines skipped: see above)" """
    detail = f"{skipped} {unit} skipped: see above" if skipped else "nothing to read"
    return EmptySourceError(f"{where} contains no summaries ({detail})", problems)
