"""`python -I -m newsletter.ship_templates [FOLDER]`: compile the bundled issue templates into
newsletter/_template_code/ (or FOLDER) with the environment a render uses, once per install,
as the bytecode is (the image's build runs it; newsletter/template_code.py says why), and
write premailer's reading of the bundled stylesheet beside them (newsletter/css_shipped.py)."""

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


def ship_css(target: Path = SHIPPED) -> int:
    """Render the bundled sample day with the bundled templates and record what premailer
    reads of its stylesheet into TARGET/css.json; returns how many stylesheets. The
    stylesheet does not depend on the day or the settings: any issue carries the same."""
    import datetime as dt
    import tempfile
    from zoneinfo import ZoneInfo

    from newsletter import css_shipped
    from newsletter.job_content import classified_source, reviewed_issue
    from newsletter.prebuild import SettingsView
    from newsletter.render import INLINE_OPTIONS, Renderer, _import_premailer

    day = dt.date(2025, 2, 11)  # the bundled sample day's
    pages: list[str] = []

    def keep(html: str) -> str:
        pages.append(html)
        return html

    with tempfile.TemporaryDirectory() as data_dir:
        settings = SettingsView(
            source=None,
            zone=ZoneInfo("Asia/Seoul"),
            min_items=1,
            locale="ko",
            title=None,
            sender="newsletter@example.invalid",
            public_url="https://example.invalid",
            templates_dir=None,
            data_dir=Path(data_dir) / "none",  # never written: no template cache
        )
        issue = reviewed_issue(day, settings, classified_source(day, settings, None), overrides={})
        Renderer(settings, inliner=keep).render(issue.issue)  # type: ignore[arg-type]
    premailer = _import_premailer()
    return css_shipped.write(target, pages, premailer.Premailer, INLINE_OPTIONS)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED
    print(f"{ship(folder)} templates compiled into {folder}")
    print(f"{ship_css(folder)} stylesheet read by premailer into {folder}")
