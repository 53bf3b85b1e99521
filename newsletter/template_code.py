"""The bundled templates' compiled code, kept between runs and shipped with the install.

Jinja2 compiles a template to Python code the first time a process renders it: ~20 ms of CPU
for the issue's templates and partials on the path to a send's first message (in the helper
process of newsletter/prebuild.py, or in the sender). Two places hold that code, each entry
keyed by the template's name and path and checked against its source's checksum and
Jinja2's and Python's versions (Jinja2's own bytecode cache), so an edited template, another
Jinja2 or another interpreter is a miss and compiles afresh, never a wrong template:

- the data dir's `template-cache/`, written by every run that compiled something;
- `newsletter/_template_code/`, beside the package's bytecode: the bundled templates
  compiled when the package is installed (`python -m newsletter.ship_templates`, a step of
  the image's build, like the bytecode's), read only. The first send of a new data dir (a
  new volume, every run of bench/throughput.py) then loads them as later sends do.

An operator's NEWSLETTER_TEMPLATES_DIR file has another path, so it never matches a shipped
entry; its code goes to the data dir as before.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

SHIPPED = Path(__file__).resolve().parent / "_template_code"


@functools.cache
def _code_cache_class() -> type[jinja2.FileSystemBytecodeCache]:
    """(A class made on first use: Jinja2 is imported only by a process that renders, see
    `Renderer.env`.)"""
    import jinja2

    class TemplateCodeCache(jinja2.FileSystemBytecodeCache):
        """The data dir's cache, falling back to the shipped one; one that cannot be
        written is no cache, never an error."""

        shipped: Path | None = None
        writable = True

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if self.writable:
                super().load_bytecode(bucket)
            if bucket.code is None and self.shipped is not None:
                try:
                    handle = (self.shipped / (self.pattern % bucket.key)).open("rb")
                except OSError:
                    return
                with handle:
                    bucket.load_bytecode(handle)  # a stale entry resets the bucket: compiled

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if self.writable:
                with contextlib.suppress(OSError):
                    super().dump_bytecode(bucket)

    return TemplateCodeCache


def code_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """The cache for a data dir's `template-cache` FOLDER (None: no data dir to write to)."""
    shipped = SHIPPED if SHIPPED.is_dir() else None
    writable = folder is not None
    if folder is not None:
        try:
            # Only inside a data dir that exists: a preview must not create one as a side effect.
            folder.mkdir(exist_ok=True)
        except OSError:
            writable = False
    if not writable and shipped is None:
        return None
    cache = _code_cache_class()(str(folder if writable else shipped))
    cache.shipped, cache.writable = shipped, writable
    return cache
