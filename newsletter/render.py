"""Stage 4: render an Issue into an inlined-CSS HTML e-mail and its plain-text twin.

Rendering happens once per distinct set of sections (readers who chose the same regions share
one RenderedIssue); premailer, the slow part, runs once per RenderedIssue and never per reader.
The bodies carry the placeholders from newsletter.message where each reader's links go.

Templates come from NEWSLETTER_TEMPLATES_DIR when set, falling back file by file to the bundled
ones, so an operator can replace just issue.css or one partial.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import logging
import re
import threading
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsletter import links
from newsletter.errors import ConfigError, NewsletterError, TemplateError
from newsletter.message import PLACEHOLDERS, PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER
from newsletter.models import Issue, Region, RenderedIssue, Summary
from newsletter.text import (
    Dateline,
    bare_full_stop,
    first_sentence,
    language,
    split_dateline,
)

if TYPE_CHECKING:
    import jinja2  # at run time only where a render needs it (Renderer.env)

    # the pieces of a whole render: imported once a smaller set is rendered (html.entities'
    # tables are ~3 ms of a process that never renders one)
    from newsletter.render_pieces import Pieces

    # not at run time: the helper of newsletter/prebuild.py renders without it
    from newsletter.settings import Settings

log = logging.getLogger(__name__)

HTML_TEMPLATE = "issue.html.j2"
TEXT_TEMPLATE = "issue.txt.j2"
SECTION_TEXT_TEMPLATE = "partials/section.txt.j2"
# Every file the bundled issue is made of: one of them in NEWSLETTER_TEMPLATES_DIR and the
# smaller section sets are rendered afresh, not pieced (newsletter/render_pieces.py).
BUNDLED_ISSUE_FILES = (
    HTML_TEMPLATE,
    TEXT_TEMPLATE,
    "issue.css",
    "issue-dark.css",
    "partials/footer.html.j2",
    "partials/footer.txt.j2",
    "partials/header.html.j2",
    "partials/preheader.html.j2",
    "partials/section.html.j2",
    SECTION_TEXT_TEMPLATE,
)
TEXT_WIDTH = 76  # display columns; a Hangul syllable takes two
HEADLINE_MAX = 90  # characters; a longer first sentence is cut at a word and the body keeps it all
PREHEADER_MAX = 110
GMAIL_CLIP_BYTES = 102_000  # Gmail clips HTML bodies past "102 KB"

LABELS: dict[str, dict[str, Any]] = {
    "ko": {
        "title": "모닝 브리프",
        "regions": {
            Region.US: "미국",
            Region.CHINA: "중국",
            Region.JAPAN: "일본",
            Region.EUROPE: "유럽",
            Region.OTHER: "기타",
        },
        "weekdays": "월화수목금토일",
        "count": "{n}건",
        "total": "오늘의 소식 {n}건",
        "read_more": "원문 보기",
        "source": "출처",
        "view_in_browser": "브라우저에서 보기",
        "preferences": "구독 설정",
        "unsubscribe": "구독 해지",
        "why": "‘{title}’ 뉴스레터를 구독하셔서 받으시는 메일입니다.",
        "sent_by": "보낸 곳: {sender}",
        "test_banner": "테스트 발송입니다. 구독자에게 보낸 메일이 아닙니다.",
    },
    "en": {
        "title": "Morning Brief",
        "regions": {
            Region.US: "US",
            Region.CHINA: "China",
            Region.JAPAN: "Japan",
            Region.EUROPE: "Europe",
            Region.OTHER: "Other",
        },
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "months": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "count": "{n}",
        "total": "{n} stories today",
        "read_more": "Read more",
        "source": "Source",
        "view_in_browser": "View in browser",
        "preferences": "Preferences",
        "unsubscribe": "Unsubscribe",
        "why": "You are receiving this because you subscribed to {title}.",
        "sent_by": "Sent by {sender}",
        "test_banner": "This is a test send. No subscriber received it.",
    },
}


# ---- text helpers (pure) ---------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
# C0/C1 controls, lone surrogates and the two non-characters that XML refuses; lxml would choke.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


def clean_text(value: str | None) -> str:
    """One line of untrusted text made safe to place anywhere: no control characters, no
    placeholder look-alikes (they would turn into a reader's personal link), single spaces."""
    if not value:
        return ""
    value = _UNWANTED.sub(" ", value)
    value = _PLACEHOLDER.sub("", value)
    return _WHITESPACE.sub(" ", value).strip()


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_NETLOC = re.compile(r"[A-Za-z0-9.\-_~%!$&'()*+,;=:@\[\]]+")


def safe_url(url: str | None) -> str | None:
    """The url if it is an absolute http(s) link with a host, else None: summaries are
    untrusted, and a javascript: or data: url must never become a link. Spaces and non-ASCII
    characters are percent-encoded (an IDN host becomes punycode), so the HTML and the plain
    text carry the same working link."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 32 or 127 <= ord(ch) <= 159 for ch in url) or _PLACEHOLDER.search(url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        netloc = parts.netloc
        if not netloc.isascii():
            netloc = netloc.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if parts.scheme not in ("http", "https") or not host or not _NETLOC.fullmatch(netloc):
        return None
    path, query, fragment = (
        urllib.parse.quote(piece, safe=_URL_SAFE)
        for piece in (parts.path, parts.query, parts.fragment)
    )
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, query, fragment))


def _cut_at_word(text: str, limit: int) -> int:
    """Where to cut `text` to keep at most `limit` characters: at a space when one is near."""
    if len(text) <= limit:
        return len(text)
    cut = text.rfind(" ", 0, limit)
    return cut if cut >= limit // 2 else limit - 1  # one very long word: cut inside it


def trim_words(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space (Korean breaks between words), with "…"."""
    cut = _cut_at_word(text, limit)
    return text if cut == len(text) else text[:cut].rstrip(" ,·-—") + "…"


def split_item(summary: Summary) -> tuple[Dateline | None, str, str]:
    """(the wire dateline, the headline, the text under it) of one item.

    The headline is the title when there is one, else the first sentence of the story after
    its dateline and credit ("Tokyo, Feb. 13 (Jiji Press)--", "(서울=연합뉴스) 홍길동 기자 = "),
    which are returned to be shown quieter. The first sentence is not repeated under it. A
    first sentence too long for a headline is cut at a clause or a word, and the body carries
    on from the cut ("…" on both sides). Nothing of the reporter's text is lost: dateline,
    headline and body put together give back the text (a headline's final full stop aside)."""
    text = clean_text(summary.text)
    title = clean_text(summary.title)
    dateline, story = split_dateline(text)
    if title:
        body = story
        if body.startswith(title):
            body = body[len(title) :].lstrip(" .:-—")
        return dateline, title, body
    sentence = first_sentence(story)
    if len(sentence) > HEADLINE_MAX:
        # A clause break (", ") reads better than any space; take it when it leaves a headline.
        comma = sentence.rfind(", ", 0, HEADLINE_MAX - 1)
        cut = comma + 1 if comma >= HEADLINE_MAX // 3 else _cut_at_word(sentence, HEADLINE_MAX - 1)
        return dateline, story[:cut].rstrip(" ,") + "…", "…" + story[cut:].lstrip()
    return dateline, bare_full_stop(sentence), story[len(sentence) :].strip()


def headline_and_body(summary: Summary) -> tuple[str, str]:
    """The item's headline and the text under it (see split_item)."""
    _, headline, body = split_item(summary)
    return headline, body


def display_width(text: str) -> int:
    if text.isascii():  # no ASCII character is wide: most words of an English story
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Every section set wraps the same stories again (26 sets on a day with every region): the
# same text, width and prefixes give the same lines, so each is wrapped once per process.
@functools.lru_cache(maxsize=4096)
def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap at spaces to `width` display columns (Hangul counts two), never inside a word:
    Korean is read word by word, and a URL must stay whole to stay clickable. `first` prefixes
    the first line instead of `indent` (a hanging "1. ")."""
    lines: list[str] = []
    prefix = indent if first is None else first
    line = ""
    used = display_width(prefix)
    for word in text.split():
        word_width = display_width(word)
        if line and used + 1 + word_width > width:
            lines.append(prefix + line)
            prefix = indent
            line, used = word, display_width(indent) + word_width
        elif line:
            line += " " + word
            used += 1 + word_width
        else:
            line = word
            used += word_width
    if line:
        lines.append(prefix + line)
    return "\n".join(lines)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_SPACE = re.compile(r"\s*([{};,])\s*")


def compact_css(css: str) -> str:
    """CSS without comments and spare whitespace: the dark-mode block skips premailer (which
    would compact it), and every byte counts towards Gmail's 102 KB clip."""
    css = _CSS_COMMENT.sub("", css)
    css = _CSS_SPACE.sub(r"\1", _WHITESPACE.sub(" ", css))
    return css.strip()


def format_date(day: dt.date, locale: str) -> str:
    """ko: "2025년 2월 11일 (화)"; en: "Tuesday, 11 February 2025"."""
    labels = LABELS[locale]
    weekday = labels["weekdays"][day.weekday()]
    if locale == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일 ({weekday})"
    return f"{weekday}, {day.day} {labels['months'][day.month - 1]} {day.year}"


def format_short_date(day: dt.date, locale: str) -> str:
    if locale == "ko":
        return f"{day.month}월 {day.day}일"
    return f"{day.day} {LABELS[locale]['months'][day.month - 1]}"


def host_label(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.")


# ---- the view the templates see --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemView:
    headline: str
    body: str
    url: str | None  # a safe http(s) link, or None: then no link at all
    source: str  # the publisher, else the wire credit, else the link's host, else ""
    publisher: str  # the publisher when the input named one, else ""
    dateline: str = ""  # "(서울=연합뉴스) 홍길동 기자", "Tokyo, Feb. 13 (Jiji Press)", as written
    lang: str | None = None  # set when the item's language differs from the issue's ("en")
    meta: str = ""  # the quiet line under the item: dateline and source, each once


@dataclass(frozen=True, slots=True)
class SectionView:
    region: str  # the canonical value ("US"), for operator templates that style by region
    name: str  # the locale's name ("미국")
    count: int
    count_text: str  # "3건"
    items: tuple[ItemView, ...]


# A section set's view is made of the same items as the whole issue's: each is worked out
# once (headline split, link check, language) instead of once per set that shows it.
@functools.lru_cache(maxsize=1024)
def _item_view(summary: Summary, locale: str) -> ItemView:
    dateline, headline, body = split_item(summary)
    url = safe_url(summary.url)
    publisher = clean_text(summary.source)
    credit = dateline.credit if dateline else None
    source = publisher or credit or (host_label(url) if url else "")
    shown = dateline.text if dateline else ""
    # The credit is usually inside the dateline already ("(서울=연합뉴스) 홍길동 기자"); a
    # publisher "AP" is not inside "JAPAN", so it is looked for as a whole word.
    said = source and re.search(rf"(?<!\w){re.escape(source)}(?!\w)", shown)
    meta = " · ".join(part for part in (shown, "" if said else source) if part)
    # Screen readers pick their voice from lang: an English story in a Korean issue must say so.
    found = language(f"{headline} {body}")
    lang = found if found and found != locale else None
    return ItemView(headline, body, url, source, publisher, shown, lang, meta)


def _preheader(sections: tuple[SectionView, ...]) -> str:
    """The top headlines, one per section first (the reader sees the breadth), in ~100 chars."""
    order: list[str] = []
    depth = max((len(s.items) for s in sections), default=0)
    for index in range(depth):
        order += [s.items[index].headline for s in sections if index < len(s.items)]
    text = ""
    for headline in order:
        candidate = f"{text} · {headline}" if text else headline
        if len(candidate) > PREHEADER_MAX:
            return text or trim_words(headline, PREHEADER_MAX)
        text = candidate
    return text


def build_context(issue: Issue, settings: Settings, *, test: bool = False) -> dict[str, Any]:
    """Everything the templates may use; pure, so tests and operators can inspect it."""
    locale = settings.locale
    labels = LABELS[locale]
    title = clean_text(settings.title) or labels["title"]
    sections = tuple(
        SectionView(
            region=section.region.value,
            name=labels["regions"][section.region],
            count=len(section.items),
            count_text=labels["count"].format(n=len(section.items)),
            items=tuple(_item_view(item.summary, locale) for item in section.items),
        )
        for section in issue.sections
    )
    contents = " · ".join(f"{s.name} {s.count}" for s in sections)
    subject = f"[{title}] {format_short_date(issue.day, locale)}"
    if contents:
        subject += f" — {contents}"
    if test:
        subject = "[TEST] " + subject
    sender_name, sender_address = email.utils.parseaddr(settings.sender)
    return {
        "lang": locale,
        "t": labels,
        "title": title,
        "subject": subject,
        "preheader": _preheader(sections),
        "date_text": format_date(issue.day, locale),
        "day": issue.day,
        "contents": contents,
        "total_text": labels["total"].format(n=issue.item_count),
        "sections": sections,
        "archive_url": links.archive_url(settings.public_url, issue.day),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "preferences_url": PREFERENCES_PLACEHOLDER,
        "why_text": labels["why"].format(title=title),
        "sender_text": labels["sent_by"].format(sender=clean_text(sender_name) or title),
        "sender_address": sender_address,
        "test": test,
    }


# ---- templates -------------------------------------------------------------------------------


def bundled_templates_dir() -> Path:
    """The templates shipped in the wheel (newsletter._templates), else the repo's templates/."""
    try:
        from importlib.resources import files

        bundled = files("newsletter._templates")
        if isinstance(bundled, Path) and (bundled / HTML_TEMPLATE).is_file():
            return bundled
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[1] / "templates"


def _overridden(templates_dir: Path | None) -> bool:
    """Whether an operator's folder replaces any file the issue is made of."""
    if templates_dir is None:
        return False
    return any((templates_dir / name).exists() for name in BUNDLED_ISSUE_FILES)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".html", ".htm"))


def check_templates_dir(templates_dir: Path | None) -> None:
    """Refuse a NEWSLETTER_TEMPLATES_DIR that is not a folder. The loader would quietly fall
    back to the bundled templates, and an operator who set it wants their brand, not ours."""
    if templates_dir is None:
        return
    if not templates_dir.exists():
        raise ConfigError(f"NEWSLETTER_TEMPLATES_DIR: {templates_dir} does not exist")
    if not templates_dir.is_dir():
        raise ConfigError(f"NEWSLETTER_TEMPLATES_DIR: {templates_dir} is a file, not a folder")


def make_environment(
    templates_dir: Path | None, cache_dir: Path | None = None
) -> jinja2.Environment:
    import jinja2

    from newsletter.template_code import code_cache

    check_templates_dir(templates_dir)
    folders = [str(bundled_templates_dir())]
    if templates_dir is not None:
        folders.insert(0, str(templates_dir))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),  # first folder that has the file wins
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=code_cache(cache_dir),
    )
    env.filters["wrap"] = wrap
    env.filters["compact_css"] = compact_css
    return env


def _import_premailer() -> Any:
    """premailer, without importing `requests` (~40 ms of start-up, before the first
    message) nor `urllib.request` (with http.client: ~5 ms and ~1.7 MB of the helper process
    of newsletter/prebuild.py, alive beside the sender): premailer imports the first and
    cssutils the second at the top, but they call them only to fetch external styles, which
    allow_network=False forbids. Each gets a stand-in that imports the real module the first
    time anything in it is used."""
    import sys

    if "premailer" in sys.modules:
        import premailer

        return premailer
    undo = [_stand_in(name) for name in ("requests", "urllib.request") if name not in sys.modules]
    try:
        import premailer
    finally:
        for name, stand_in in undo:
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]  # the next `import` of it loads the real module
    return premailer


def _stand_in(name: str) -> tuple[str, Any]:
    """A module in sys.modules under `name` that imports the real one when first touched.
    A submodule is also set on its package (`import urllib.request` then `urllib.request.x`
    finds it there), until the real one, once imported, takes its place."""
    import importlib
    import sys
    import types

    stand_in = types.ModuleType(name)

    def real(attribute: str) -> Any:
        if attribute.startswith("__"):
            # Asked of every module by whoever walks sys.modules (inspect.getmodule, a
            # warning's registry): no reason to import the real one.
            raise AttributeError(attribute)
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = stand_in
    package, _, leaf = name.rpartition(".")
    if package:
        setattr(importlib.import_module(package), leaf, stand_in)
    return name, stand_in


_INLINER: Any = None

# premailer's options for the issue: the templates reference no external resource and premailer
# must not fetch one; leftovers (@media) are kept, inlined rules need not be sent twice; the
# @media rules select by class. newsletter/css_shipped.py keys what it ships by them.
INLINE_OPTIONS: dict[str, Any] = {
    "base_url": None,
    "allow_network": False,
    "allow_loading_external_files": False,
    "external_styles": None,
    "keep_style_tags": False,
    "strip_important": False,
    "remove_classes": False,
    "disable_validation": True,
    "disable_link_rewrites": True,
    "cssutils_logging_level": logging.CRITICAL,
    "align_floating_images": False,
}


def _inliner_class() -> Any:
    """premailer.Premailer, remembering its style rules per process. Every section set's
    HTML carries the same <style> block, and premailer turns it into rules (cssutils
    serialising each property) on every transform: half its time. The rules depend only on
    the CSS text and the options, which inline_css never changes; for the bundled stylesheet
    they come made with the install (newsletter/css_shipped.py), so not even the first
    render of a process parses it."""
    global _INLINER
    if _INLINER is not None:
        return _INLINER
    premailer = _import_premailer()
    from newsletter import css_shipped

    shipped = css_shipped.load(INLINE_OPTIONS)
    if shipped is not None:
        css_shipped.seed_pairs(shipped, validate=not INLINE_OPTIONS["disable_validation"])
    rules_cache: dict[tuple[str, int], tuple[list[Any], list[Any]]] = {}
    text_cache: dict[tuple[Any, ...], str] = {}

    class Inliner(premailer.Premailer):  # type: ignore[misc,name-defined]
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> Any:
            key = (css_body, ruleset_index)
            found = rules_cache.get(key)
            if found is None:
                found = shipped.style_rules(css_body, ruleset_index) if shipped else None
                if found is None:
                    found = super()._parse_style_rules(css_body, ruleset_index)
                rules_cache[key] = found
            rules, leftover = found
            return list(rules), list(leftover)  # premailer extends these: hand out copies

        def _css_rules_to_string(self, rules: list[Any]) -> str:
            if len(rules) == 1 and isinstance(rules[0], css_shipped.LeftoverText):
                return rules[0].text  # the shipped leftover, written as below at the install
            # The leftover rules are the cached objects above, so identity names them.
            key = tuple(rule if isinstance(rule, tuple) else id(rule) for rule in rules)
            found = text_cache.get(key)
            if found is None:
                found = text_cache[key] = super()._css_rules_to_string(rules)
            return found

    _INLINER = Inliner
    return Inliner


def inline_css(html: str) -> str:
    """Move the <style> rules into style attributes; @media and pseudo-class rules stay in
    the <style> tag (with their !important) for clients that honour them. No network, no files:
    the templates reference no external resource and premailer must not fetch one."""
    inliner_class = _inliner_class()  # first: it imports cssutils without urllib.request
    import cssutils

    cssutils.log.setLevel(logging.CRITICAL)  # it warns about every mso-/-webkit- property
    return inliner_class(**INLINE_OPTIONS).transform(html, pretty_print=False)


class Renderer:
    """Renders issues for one run. Thread-safe; caches one RenderedIssue per distinct issue
    (in practice: per set of sections a reader chose), so premailer runs a handful of times per
    run whatever the number of readers."""

    def __init__(self, settings: Settings, *, inliner: Callable[[str], str] = inline_css) -> None:
        self.settings = settings
        check_templates_dir(settings.templates_dir)  # a wrong setting fails here, as it did
        self._env: jinja2.Environment | None = None
        self._inline = inliner  # a seam: tests count calls through a wrapper of inline_css
        self._cache: dict[tuple[Issue, bool], RenderedIssue] = {}
        self._lock = threading.Lock()
        # Renders made by a helper process (newsletter/prebuild.py): asked before rendering.
        self._rendered_elsewhere: Callable[[Issue], RenderedIssue | None] | None = None
        # A smaller section set is put together from the pieces of the whole issue's render
        # (newsletter/render_pieces.py) when the bundled templates and premailer make it.
        self._pieceable = inliner is inline_css and not _overridden(settings.templates_dir)
        self._pieces: dict[Issue, Pieces | None] = {}  # None: that render could not be cut

    @property
    def env(self) -> jinja2.Environment:
        """The templates' environment, made when a render first needs it: a send whose
        issue the helper process of newsletter/prebuild.py rendered never imports Jinja2
        (~15 ms of its start-up, ~2 MB while that helper is still alive)."""
        if self._env is None:
            settings = self.settings
            self._env = make_environment(
                settings.templates_dir, settings.data_dir / "template-cache"
            )
        return self._env

    def render(self, issue: Issue, *, test: bool = False) -> RenderedIssue:
        key = (issue, test)
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                if self._rendered_elsewhere is not None and not test:
                    cached = self._rendered_elsewhere(issue)
                if cached is None:
                    cached = self._render(issue, test)
                self._cache[key] = cached
            return cached

    def adopt(
        self,
        issue: Issue,
        rendered: RenderedIssue,
        elsewhere: Callable[[Issue], RenderedIssue | None] | None = None,
    ) -> None:
        """Take `rendered` as this renderer's render of `issue` (not a test), and ask
        `elsewhere` for any other issue before rendering it here: the renders of the helper
        process of newsletter/prebuild.py, made by this same code from the same settings."""
        with self._lock:
            self._cache[(issue, False)] = rendered
            self._rendered_elsewhere = elsewhere

    def load_templates(self) -> None:
        """Compile (or load from the cache) the two templates a render uses, ahead of it."""
        self._template(HTML_TEMPLATE)
        self._template(TEXT_TEMPLATE)

    def _render(self, issue: Issue, test: bool) -> RenderedIssue:
        context = build_context(issue, self.settings, test=test)
        pieces = None if test or not self._pieceable else self._pieces_for(issue)
        if pieces is not None:
            html, text = pieces.put_together(issue.sections, context)
        else:
            html = self._inline(self._template(HTML_TEMPLATE).render(context))
            text = self._template(TEXT_TEMPLATE).render(context)
        size = len(html.encode("utf-8"))
        sections = ",".join(sorted(r.value for r in issue.regions))
        log.debug("rendered %s sections=%s html=%d bytes", issue.day, sections, size)
        if size > GMAIL_CLIP_BYTES:
            log.warning(
                "issue %s (sections %s) is %d KB of HTML: Gmail shows only the first 102 KB "
                "and hides the rest (and the unsubscribe link) behind 'View entire message'",
                issue.day,
                sections,
                size // 1000,
            )
        return RenderedIssue(
            day=issue.day,
            regions=issue.regions,
            subject=context["subject"],
            preheader=context["preheader"],
            html=html,
            text=text,
        )

    def _pieces_for(self, issue: Issue) -> Pieces | None:
        """The pieces of a whole render this renderer holds of which `issue` is a smaller
        section set (Issue.only), cut on first use; None: render `issue` afresh."""
        for (whole, test), rendered in self._cache.items():
            if test or whole.day != issue.day or not issue.regions < whole.regions:
                continue
            if whole.only(issue.regions) != issue:
                continue
            if whole not in self._pieces:
                self._pieces[whole] = self._cut(whole, rendered)
            if self._pieces[whole] is not None:
                return self._pieces[whole]
        return None

    def _cut(self, whole: Issue, rendered: RenderedIssue) -> Pieces | None:
        from newsletter.render_pieces import NotPieceable, Pieces

        context = build_context(whole, self.settings)
        partial = self._template(SECTION_TEXT_TEMPLATE)
        texts = [partial.render({**context, "section": section}) for section in context["sections"]]
        try:
            return Pieces.cut(whole, context, rendered.html, rendered.text, texts)
        except NotPieceable as exc:  # not expected of the bundled templates: render afresh
            log.warning("rendering section sets afresh: the issue's render is not cut (%s)", exc)
            return None

    def _template(self, name: str) -> _Guarded:
        import jinja2

        try:
            return _Guarded(self.env.get_template(name), self.env)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template {exc.name} not found in {self._where()}",
                hint="check NEWSLETTER_TEMPLATES_DIR",
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}",
                hint="fix the template or unset NEWSLETTER_TEMPLATES_DIR",
            ) from None
        except UnicodeDecodeError:
            raise TemplateError(
                f"template {name} in {self._where()} is not UTF-8 text",
                hint="save it as UTF-8",
            ) from None
        except OSError as exc:
            raise TemplateError(
                f"cannot read template {name} in {self._where()}: {exc.strerror or exc}"
            ) from None

    def _where(self) -> str:
        folders = [str(bundled_templates_dir())]
        if self.settings.templates_dir:
            folders.insert(0, str(self.settings.templates_dir))
        return " or ".join(folders)


@dataclass(frozen=True, slots=True)
class _Guarded:
    """A template whose render errors become TemplateError naming the file and line."""

    template: jinja2.Template
    env: jinja2.Environment

    def render(self, context: dict[str, Any]) -> str:
        import jinja2

        try:
            return self.template.render(context)
        except jinja2.TemplateSyntaxError as exc:  # an included partial that does not parse
            raise TemplateError(
                f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}",
                hint="fix the template or unset NEWSLETTER_TEMPLATES_DIR",
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template {exc.name} (included) not found") from None
        except NewsletterError:
            raise
        except Exception as exc:
            # The template is the operator's code: whatever it raises (1 // 0, a bad filter
            # argument, a missing key) is theirs to fix, so it gets a file and line, not a
            # traceback through Jinja's internals.
            where = _template_frame(exc) or (self.template.filename or self.template.name)
            reason = str(exc) or type(exc).__name__
            raise TemplateError(f"{where}: {reason}", hint="check the template") from None


def _template_frame(exc: BaseException) -> str | None:
    """ "file:line" of the innermost template frame; Jinja rewrites tracebacks to point there."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css")):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
