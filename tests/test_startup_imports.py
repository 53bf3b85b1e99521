"""Start-up: what `newsletter send` must import before its first message, and no more."""

from __future__ import annotations

import subprocess
import sys


def test_inlining_css_does_not_import_requests() -> None:
    """premailer imports `requests` (~40 ms) but only calls it to fetch external styles, which
    we forbid; the render must not pay for it, and it must still work when touched."""
    code = (
        "import sys\n"
        "from newsletter.render import inline_css\n"
        "out = inline_css('<style>p{color:red}</style><p>x</p>')\n"
        "assert 'style=\"color:red\"' in out, out\n"
        "assert 'requests' not in sys.modules, 'requests was imported'\n"
        "import premailer.premailer as p\n"
        "assert callable(p.requests.get)  # the stand-in hands over to the real module\n"
        "import requests\n"
        "assert p.requests.get is requests.get\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
