"""`python -I -m newsletter.ship_templates [FOLDER]`: compile the bundled issue templates into
newsletter/_template_code/ (or FOLDER) with the environment a render uses, once per install,
as the bytecode is (the image's build runs it; newsletter/template_code.py says why)."""

from __future__ import annotations

import sys
from pathlib import Path

from newsletter.render import make_environment
from newsletter.template_code import SHIPPED


def _issue_template(name: str) -> bool:
    """The issue's templates and CSS, not the folder's other files: its __init__.py (the folder
    is the package newsletter._templates) and the bytecode Python writes beside it, which
    Jinja2 cannot read (the image's `python -I` build step writes it on import)."""
    return name.endswith((".j2", ".css")) and not name.startswith(("web/", "__pycache__/"))


def ship(target: Path = SHIPPED) -> int:
    """Compile every bundled issue template into TARGET; returns how many."""
    import jinja2

    target.mkdir(parents=True, exist_ok=True)
    env = make_environment(None)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(target))
    # The issue's templates and the CSS they include; the web pages have an environment of
    # their own.
    names = env.list_templates(filter_func=_issue_template)
    for name in names:
        env.get_template(name)  # compiled, and its code written to TARGET
    return len(names)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    print(f"{ship(folder)} templates compiled into {folder}")
