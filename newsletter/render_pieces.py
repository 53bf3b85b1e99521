"""A smaller section set's render made from the pieces of the whole issue's render.

The helper of newsletter/prebuild.py renders up to 30 smaller sets after the whole issue
(readers who chose some regions only), each a Jinja2 pass and a premailer pass (~8 ms, 5.5 of
it premailer). Every piece of a set's mail is already in the whole issue's: a section's rows
do not depend on the other sections (issue.css selects by class and descent only, so premailer
gives an element the same style whatever its neighbours), and the footer depends on no section.
Only four strings of the head name the set: the subject in <title>, the preheader, the total
and the list of sections with their counts (in the HTML and in the text's header line).

So a set is the head with those strings put in (escaped by the serializer premailer uses),
the chosen sections' pieces in order, and the foot. This holds for the bundled templates
only: an operator's templates may do anything, and the Renderer renders those afresh.
tests/test_render_pieces.py compares every set with a fresh render, byte for byte.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsletter.models import Issue

# Where the inlined rows start (remove_classes=False keeps the classes premailer inlined).
_SECTION_ROW = '<tr><td class="section-head"'
_FOOTER_ROW = '<tr><td class="footer"'
_TITLE = re.compile(r"<title>([^<]*)</title>")
_PREHEADER = re.compile(r'(<div class="preheader"[^>]*>)([^<]*)(</div>)')
_CONTENTS = re.compile(r'(<td class="contents"[^>]*><b[^>]*>)([^<]*)(</b>)([^<]*)(</td>)')


@functools.lru_cache(maxsize=4096)
def _escaped(tag: str, text: str) -> str:
    """`text` as lxml's HTML serializer writes it inside <tag>: what premailer returns."""
    from lxml import etree

    element = etree.Element(tag)
    element.text = text
    out: str = etree.tostring(element, method="html", encoding="utf-8").decode("utf-8")
    return out[len(tag) + 2 : -(len(tag) + 3)]


class NotPieceable(Exception):
    """The whole render is not shaped as the bundled templates make it: render afresh."""


# A hole in the head: (the context's key, the element the text node is in, the text before
# the value and after it in that same node; the node is escaped whole, as the serializer does).
_Hole = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Pieces:
    """The whole issue's render cut at its sections (HTML inlined, and text)."""

    issue: Issue
    html_head: tuple[str | _Hole, ...]  # literal text and holes for the set's strings
    html_sections: tuple[str, ...]
    html_foot: str
    text_head: tuple[str, str]  # around the "total: contents" line
    text_sections: tuple[str, ...]
    text_foot: str

    @classmethod
    def cut(
        cls, issue: Issue, context: dict[str, Any], html: str, text: str, text_sections: list[str]
    ) -> Pieces:
        """Cut the whole issue's `html` and `text` (rendered from `context`); `text_sections`
        are the text partial rendered alone for each section. Checks that the pieces put back
        together give the whole render again, else raises NotPieceable."""
        sections = issue.sections
        starts = [m.start() for m in re.finditer(re.escape(_SECTION_ROW), html)]
        foot_at = html.find(_FOOTER_ROW)
        if len(starts) != len(sections) or not starts or foot_at < starts[-1]:
            raise NotPieceable("section rows")
        if html.find(_FOOTER_ROW, foot_at + 1) != -1:
            raise NotPieceable("footer rows")
        bounds = [*starts, foot_at]
        html_sections = tuple(html[a:b] for a, b in itertools.pairwise(bounds))

        joined = "".join(text_sections)
        at = text.find(joined)
        if not joined or at == -1 or text.find(joined, at + 1) != -1:
            raise NotPieceable("text sections")
        line = f"{context['total_text']}: {context['contents']}\n"
        text_head = text[:at]
        if text_head.count(line) != 1:
            raise NotPieceable("text header")
        before, _, after = text_head.partition(line)
        pieces = cls(
            issue,
            _holed_html_head(html[: starts[0]], context),
            html_sections,
            html[foot_at:],
            (before, after),
            tuple(text_sections),
            text[at + len(joined) :],
        )
        if pieces.put_together(sections, context) != (html, text):
            raise NotPieceable("the pieces do not give the whole render back")
        return pieces

    def put_together(self, sections: tuple[Any, ...], context: dict[str, Any]) -> tuple[str, str]:
        """The (html, text) of a set whose `sections` are some of the issue's, in its order,
        from the set's own `context` (build_context of the set)."""
        chosen = [i for i, section in enumerate(self.issue.sections) if section in sections]
        if len(chosen) != len(sections):
            raise NotPieceable("a section not in the issue")
        head = "".join(
            part
            if isinstance(part, str)
            else _escaped(part[1], part[2] + context[part[0]] + part[3])
            for part in self.html_head
        )
        html = head + "".join(self.html_sections[i] for i in chosen) + self.html_foot
        before, after = self.text_head
        line = f"{context['total_text']}: {context['contents']}\n"
        text = before + line + after + "".join(self.text_sections[i] for i in chosen)
        return html, text + self.text_foot


def _holed_html_head(head: str, context: dict[str, Any]) -> tuple[str | _Hole, ...]:
    """The inlined head cut around the places of the set's strings; NotPieceable unless each
    place holds exactly the whole issue's string as the serializer writes it."""
    import html as html_module

    holes: list[tuple[int, int, _Hole]] = []

    def one(pattern: re.Pattern[str]) -> re.Match[str]:
        found = list(pattern.finditer(head))
        if len(found) != 1:
            raise NotPieceable(pattern.pattern)
        return found[0]

    def hole(match: re.Match[str], group: int, key: str, tag: str) -> None:
        node = html_module.unescape(match.group(group))
        value = context[key]
        at = node.find(value) if key == "preheader" else node.rfind(value)
        if not value or at == -1 or _escaped(tag, node) != match.group(group):
            raise NotPieceable(key)
        # the preheader starts its node (filler follows); the list of sections ends its own
        if (key == "preheader" and at != 0) or (key == "contents" and at + len(value) != len(node)):
            raise NotPieceable(key)
        holes.append(
            (match.start(group), match.end(group), (key, tag, node[:at], node[at + len(value) :]))
        )

    title = one(_TITLE)
    hole(title, 1, "subject", "title")
    hole(one(_PREHEADER), 2, "preheader", "div")
    contents = one(_CONTENTS)
    hole(contents, 2, "total_text", "b")
    hole(contents, 4, "contents", "td")
    parts: list[str | _Hole] = []
    done = 0
    for start, end, found in sorted(holes):
        parts += [head[done:start], found]
        done = end
    parts.append(head[done:])
    return tuple(parts)
