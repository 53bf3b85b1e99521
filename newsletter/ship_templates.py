"""`python -I -m newsletter.ship_templates [FOLDER]`: compile the bundled issue templates into
newsletter/_template_code/ (or FOLDER) with the environment a render uses, once per install,
as the bytecode is (the image's build runs it; newsletter/template_code.py says why)."""

from __future__ import annotations

import sys
from pathlib import Path

from newsletter.render import make_environment
from newsletter.template_code import SHIPPED


def ship(target: Path = SHIPPED) -> int:
    """Compile every bundled issue template into TARGET; returns how many."""
    import jinja2

    target.mkdir(parents=True, exist_ok=True)
    env = make_environment(None)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(target))
    # The templates and the CSS they include; the web pages have an environment of
    # their own.
    names = env.list_templates(filter_func=lambda name: not name.startswith("web/"))
    for name in names:
        env.get_template(name)  # compiled, and its code written to TARGET
    return len(names)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    print(f"{ship(folder)} templates compiled into {folder}")
