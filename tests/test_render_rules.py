"""premailer turns the shared <style> block into rules once per process, not once per
section set (that was half of each render), and the HTML it writes is unchanged."""

from __future__ import annotations

import logging

import pytest

from newsletter import render

HTML = (
    "<html><head><style>p{color:red} .x{font-weight:bold !important}"
    " @media (max-width:600px){.x{color:blue}}</style></head>"
    "<body><p class='x'>{body}</p></body></html>"
)


def test_style_rules_are_parsed_once_and_the_output_is_premailers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import premailer

    calls: list[str] = []
    original = premailer.Premailer._parse_style_rules

    def counting(self, css_body, ruleset_index):  # type: ignore[no-untyped-def]
        calls.append(css_body)
        return original(self, css_body, ruleset_index)

    monkeypatch.setattr(premailer.Premailer, "_parse_style_rules", counting)
    monkeypatch.setattr(render, "_INLINER", None, raising=False)  # a fresh per-process cache
    first = render.inline_css(HTML.replace("{body}", "one"))
    second = render.inline_css(HTML.replace("{body}", "two"))
    assert len(calls) == 1  # the second section set reused the rules
    plain = premailer.Premailer(
        base_url=None,
        allow_network=False,
        allow_loading_external_files=False,
        external_styles=None,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_validation=True,
        disable_link_rewrites=True,
        cssutils_logging_level=logging.CRITICAL,
        align_floating_images=False,
    )
    assert second == plain.transform(HTML.replace("{body}", "two"), pretty_print=False)
    assert first.replace("one", "two") == second
    assert "color:red" in second and "@media" in second
