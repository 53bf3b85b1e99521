"""MIME messages: one shared template per rendered issue, filled in per reader.

Everything the readers share (headers, the MIME skeleton, the bulk of both bodies, already
base64-encoded) is prepared once in ``MessageTemplate.build``. ``personalize`` only adds the
per-reader headers and encodes the tail of each body that holds the personal links, so a send
to many thousands of readers costs a fraction of a millisecond per message.

The message is written by hand rather than through ``email.message`` for two reasons: speed,
and control over RFC 2047: the stdlib folder may put a space between two encoded-words, where
decoders drop it, so a Korean subject can lose the spaces between its words. Here every space
stays inside the encoded text.
"""

from __future__ import annotations

import binascii
import contextlib
import datetime as dt
import email.utils
import html
import itertools
import os
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsletter import links
from newsletter.dkim import Signer, signer_for
from newsletter.errors import HeaderInjectionError
from newsletter.models import RenderedIssue

if TYPE_CHECKING:  # not at run time: the helper of newsletter/prebuild.py renders without it
    from newsletter.settings import Settings

# The templates emit these where a reader's own links go. Only URL-safe characters, so they
# pass autoescape, premailer and lxml's attribute serialisation untouched.
UNSUBSCRIBE_PLACEHOLDER = "NL-UNSUBSCRIBE-URL-7Q2F"
PREFERENCES_PLACEHOLDER = "NL-PREFERENCES-URL-7Q2F"
PLACEHOLDERS = (UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER)

_SPLIT = re.compile(f"({UNSUBSCRIBE_PLACEHOLDER}|{PREFERENCES_PLACEHOLDER})")
_CRLF = b"\r\n"
_B64_LINE_BYTES = 57  # 57 input bytes -> one 76-character base64 line
_B64_LINE_CHARS = 76
_MAX_ENCODED_WORD = 75  # RFC 2047
_MAX_LINE = 76  # a header line that holds encoded-words (RFC 2047 section 2)
_EW_PREFIX = "=?utf-8?b?"
_EW_SUFFIX = "?="
# C0, DEL and C1: a C1 control (NEL, U+0085, among them) is a line break to some readers and
# vanishes in others (Python's own address parser drops it from a display name).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A deliberately narrow addr-spec: dot-atom local part, ASCII (or IDNA) domain. Anything else,
# a comma, an angle bracket or a second "@", could smuggle in a second recipient.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")
# A whole address that check_address takes as it is: _LOCAL@_DOMAIN (neither class holds a
# control character or an "@", so nothing that passes here needs the checks below).
_PLAIN_ADDRESS = re.compile(f"(?:{_LOCAL.pattern})@(?:{_DOMAIN.pattern})")
_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")
_URL_FORBIDDEN = re.compile(r"[\s<>,\"\\]")
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")


# ---- header values ---------------------------------------------------------------------------


def _reject_controls(header: str, value: str) -> None:
    match = _CONTROL.search(value)
    if match:
        raise HeaderInjectionError(
            f"{header}: value contains control character {match.group()!r}: {value!r}",
            hint="header values must be a single line without control characters",
        )


def ascii_domain(domain: str) -> str:
    """An internationalised domain as its ASCII form (IDNA 2008 A-labels, UTS 46 mapped: what
    email-validator checked when the address was added, so kim@straße.de goes to
    xn--strae-oqa.de, not to strasse.de as Python's IDNA 2003 codec would have it). The same
    domain in every DNS and on every relay, with or without SMTPUTF8. UnicodeError when it
    has none."""
    if domain.isascii():
        return domain
    import idna

    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise UnicodeError(str(exc)) from None


def ascii_address(address: str) -> str:
    """`address` with its domain in ASCII, when its local part is ASCII; else unchanged (only
    SMTPUTF8 can carry a local part outside ASCII)."""
    local, at, domain = address.rpartition("@")
    if not at or not local.isascii() or domain.isascii():
        return address
    try:
        return f"{local}@{ascii_domain(domain)}"
    except UnicodeError:
        return address


def check_address(header: str, address: str) -> str:
    """One plain addr-spec, ASCII, with an IDNA-encoded domain; else HeaderInjectionError."""
    if _PLAIN_ADDRESS.fullmatch(address) is not None:
        return address  # nearly every reader's: the checks below would give it back as is
    _reject_controls(header, address)
    local, at, domain = address.partition("@")
    if at and domain and not domain.isascii():
        with contextlib.suppress(UnicodeError):  # left as is, and refused just below
            domain = ascii_domain(domain)
    if not (at and _LOCAL.fullmatch(local) and _DOMAIN.fullmatch(domain)):
        raise HeaderInjectionError(
            f"{header}: {address!r} is not a single e-mail address",
            hint="expected one address like reader@example.com, without name, comma or brackets",
        )
    return f"{local}@{domain}"


def check_url(header: str, url: str, *, schemes: tuple[str, ...] = ("https", "http")) -> str:
    _reject_controls(header, url)
    scheme = url.partition(":")[0].lower()
    if scheme not in schemes or _URL_FORBIDDEN.search(url) or len(url) > 900:
        raise HeaderInjectionError(
            f"{header}: {url!r} is not an acceptable {'/'.join(schemes)} URL",
            hint="check NEWSLETTER_PUBLIC_URL",
        )
    return url


def encode_words(text: str, first_line_used: int) -> str:
    """RFC 2047 base64 encoded-words for `text`, folded with CRLF + space.

    Each word holds whole UTF-8 characters and stays within 75 characters; no line exceeds 76
    (the first line already holds `first_line_used` characters, e.g. "Subject: "). Spaces are
    encoded inside the words: whitespace between encoded-words is dropped by decoders."""
    budget = _MAX_LINE - first_line_used
    whole = text.encode("utf-8")
    if len(whole) <= _payload_limit(budget):
        # It fits in one word (a reader's name, nearly always): the loop below would make
        # this very word, a character at a time.
        return _encoded_word(whole)
    words: list[str] = []
    chunk = bytearray()
    for char in text:
        encoded = char.encode("utf-8")
        limit = _payload_limit(budget)
        if chunk and len(chunk) + len(encoded) > limit:
            words.append(_encoded_word(bytes(chunk)))
            chunk.clear()
            budget = _MAX_LINE - 1  # continuation lines start with one space
        chunk += encoded
    if chunk or not words:
        words.append(_encoded_word(bytes(chunk)))
    return "\r\n ".join(words)


def _payload_limit(line_budget: int) -> int:
    """The most UTF-8 bytes whose encoded-word fits in `line_budget` characters."""
    room = min(line_budget, _MAX_ENCODED_WORD) - len(_EW_PREFIX) - len(_EW_SUFFIX)
    return max(room // 4 * 3, 3)  # at least one character, whatever the budget


def _encoded_word(payload: bytes) -> str:
    return _EW_PREFIX + binascii.b2a_base64(payload, newline=False).decode("ascii") + _EW_SUFFIX


def _plain_is_safe(text: str) -> bool:
    """Printable ASCII that a reader gets back exactly as written: no leading or trailing
    space (parsers trim it) and nothing a decoder would mistake for an encoded-word."""
    return (
        _PRINTABLE_ASCII.fullmatch(text) is not None
        and text == text.strip()
        and "=?" not in text
        and all(len(word) < 70 for word in text.split(" "))
    )


def format_unstructured(name: str, value: str) -> str:
    """`Name: value` folded for the wire (no trailing CRLF), RFC 2047 when not plain ASCII."""
    _reject_controls(name, value)
    if value and _plain_is_safe(value):
        return _fold_plain(f"{name}: {value}")
    return f"{name}: " + encode_words(value, len(name) + 2)


def _fold_plain(line: str) -> str:
    # Folding inserts CRLF before a space; unfolding removes only the CRLF, so every space
    # (double ones included) survives.
    lines: list[str] = []
    while len(line) > 78:
        cut = line.rfind(" ", 0, 78)
        if cut <= line.find(":") + 1:
            break
        lines.append(line[:cut])
        line = line[cut:]
    lines.append(line)
    return "\r\n".join(lines)


def format_address(name: str, display: str | None, address: str) -> str:
    """`Name: display <address>`; the display name quoted or RFC 2047-encoded."""
    return _with_phrase(name, display, check_address(name, address))


def _with_phrase(name: str, display: str | None, address: str) -> str:
    if display is not None:
        _reject_controls(name, display)
        # Parsers collapse runs of white space in a display name, and drop or break on the
        # Unicode kinds (U+2028, U+3000, no-break space); collapse every kind to one space
        # here so what we send is what every client shows.
        display = " ".join(display.split())
    if not display:
        return f"{name}: <{address}>" if name == "List-Id" else f"{name}: {address}"
    if _plain_is_safe(display):
        quoted = display.replace("\\", "\\\\").replace('"', '\\"')
        return _fold_plain(f'{name}: "{quoted}" <{address}>')
    phrase = encode_words(display, len(name) + 2)
    last_line = phrase.rpartition("\r\n")[2]
    separator = " " if len(last_line) + len(address) + 3 <= 78 else "\r\n "
    return f"{name}: {phrase}{separator}<{address}>"


def make_message_id(domain: str) -> str:
    """A globally unique Message-ID: 128 random bits at the sender's domain."""
    domain = domain.strip().lower() or "localhost"
    if not _DOMAIN.fullmatch(domain):
        raise HeaderInjectionError(f"Message-ID: {domain!r} is not a domain name")
    return f"<{os.urandom(16).hex()}@{domain}>"


class MessageIds:
    """Message-IDs for one sending process: 64 random bits chosen once, then a counter.
    Globally unique like make_message_id's 128 random bits per message, without a system
    call per message; the same 32-hex-digit shape."""

    def __init__(self, domain: str) -> None:
        self.domain = make_message_id(domain).rpartition("@")[2][:-1]  # checked, lower-cased
        self._prefix = os.urandom(8).hex()
        self._next = itertools.count(1).__next__

    def __call__(self) -> str:
        return f"<{self._prefix}{self._next():016x}@{self.domain}>"


_date_cache: tuple[int, str] = (-1, "")


def date_now() -> str:
    """The Date: value for now, formatted once a second (formatdate costs microseconds, and
    every message of one second carries the same value)."""
    global _date_cache
    second = int(time.time())
    cached = _date_cache
    if cached[0] != second:
        cached = _date_cache = (second, email.utils.formatdate(second, usegmt=True))
    return cached[1]


# A token as tokens.make_token writes it: only URL-safe characters, so a link made of a
# checked prefix and such a token needs no further check or escaping.
_TOKEN_SAFE = re.compile(r"[0-9a-z]{1,13}\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{22}")


@dataclass(frozen=True, slots=True)
class ReaderLinks:
    """The public URL's link prefixes, checked and HTML-escaped once per run instead of once
    per reader."""

    unsubscribe: str
    preferences: str
    unsubscribe_html: str
    preferences_html: str

    @classmethod
    def for_public_url(cls, public_url: str) -> ReaderLinks:
        unsubscribe = links.unsubscribe_url(public_url, "")
        preferences = links.preferences_url(public_url, "")
        # The longest token is 13 + 1 + 64 + 1 + 22 characters; check the prefix with it.
        longest = "a" * 101
        check_url("List-Unsubscribe", unsubscribe + longest)
        check_url("Preferences link", preferences + longest)
        return cls(unsubscribe, preferences, html.escape(unsubscribe), html.escape(preferences))


# ---- bodies ----------------------------------------------------------------------------------


def _b64_lines(data: bytes) -> bytes:
    """Base64 in 76-character CRLF-terminated lines (empty input: no lines)."""
    encoded = binascii.b2a_base64(data, newline=False)
    step = _B64_LINE_CHARS
    return b"".join([encoded[i : i + step] + _CRLF for i in range(0, len(encoded), step)])


@dataclass(frozen=True, slots=True)
class _Body:
    """A body split around its placeholders, with everything before the first placeholder
    already encoded (up to a whole number of 57-byte groups, so the lines line up)."""

    encoded_head: bytes
    rest_of_head: bytes
    slots: tuple[tuple[str, bytes], ...]  # (placeholder, the literal bytes that follow it)
    unsubscribe_first: tuple[bool, ...] = ()  # per slot: the unsubscribe link, else preferences
    # Where the last literal starts in the tail: `fixed` bytes, plus the links' lengths each
    # as many times as it appears.
    fixed: int = 0
    unsubscribes: int = 0
    preferences: int = 0
    # By k: the tail up to byte k of the last literal as a bytes format (%(u)s, %(p)s where
    # the links go), and the base64 lines of the rest of that literal (the footer after the
    # last link: 352 bytes of the sample's HTML). The literal starts wherever the reader's
    # links end, one of a few places (a token's length varies little), so each plan is made
    # once per place, not once per reader.
    plans: dict[int, tuple[bytes, bytes]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def split(cls, body: str) -> _Body:
        body = body.replace("\r\n", "\n").replace("\n", "\r\n")  # canonical form: CRLF
        parts = _SPLIT.split(body)
        head = parts[0].encode("utf-8")
        cut = len(head) // _B64_LINE_BYTES * _B64_LINE_BYTES
        slots = tuple((parts[i], parts[i + 1].encode("utf-8")) for i in range(1, len(parts) - 1, 2))
        flags = tuple(placeholder == UNSUBSCRIBE_PLACEHOLDER for placeholder, _ in slots)
        fixed = len(head) - cut + sum(len(literal) for _, literal in slots[:-1])
        unsubscribes = sum(flags)
        return cls(
            _b64_lines(head[:cut]),
            head[cut:],
            slots,
            flags,
            fixed,
            unsubscribes,
            len(flags) - unsubscribes,
        )

    def tail(self, unsubscribe: bytes, preferences: bytes) -> bytes:
        """The encoded rest after encoded_head, for these two links."""
        # Everything up to byte k of the last literal ends on a 57-byte group (a whole base64
        # line), so the lines of the rest do not depend on what came before.
        start = self.fixed + self.unsubscribes * len(unsubscribe)
        k = -(start + self.preferences * len(preferences)) % _B64_LINE_BYTES
        plan = self.plans.get(k)
        if plan is None:
            plan = self.plans[k] = self._plan(k)
        form, rest = plan
        encoded = binascii.b2a_base64(form % {b"u": unsubscribe, b"p": preferences}, newline=False)
        step = _B64_LINE_CHARS
        lines = [encoded[i : i + step] + _CRLF for i in range(0, len(encoded), step)]
        lines.append(rest)
        return b"".join(lines)

    def _plan(self, k: int) -> tuple[bytes, bytes]:
        if not self.slots:
            return self.rest_of_head.replace(b"%", b"%%"), b""
        literals = [self.rest_of_head, *(literal for _, literal in self.slots)]
        last = literals.pop()
        literals.append(last[:k])
        form = [literals[0].replace(b"%", b"%%")]
        for is_unsubscribe, literal in zip(self.unsubscribe_first, literals[1:], strict=True):
            form.append(b"%(u)s" if is_unsubscribe else b"%(p)s")
            form.append(literal.replace(b"%", b"%%"))
        return b"".join(form), _b64_lines(last[k:])


def _wire_ready(piece: bytes) -> bool:
    """CRLF line endings only, and no line that starts with a dot."""
    crlf = piece.count(b"\r\n")
    return (
        piece.count(b"\r") == crlf == piece.count(b"\n")
        and not piece.startswith(b".")
        and b"\r\n." not in piece
    )


def _part_header(subtype: str) -> bytes:
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii")


# ---- the template ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    subject: str
    domain: str
    mailto_address: str
    one_click: bool  # RFC 8058 asks for an HTTPS unsubscribe link; http (a dev setup) omits it
    shared_top: bytes  # From and Subject, written before the per-reader headers
    shared_bottom: bytes  # Reply-To, List-Id, the MIME skeleton up to the text body
    text: _Body
    between: bytes  # closes the text part and opens the html part
    html: _Body
    closing: bytes
    signer: Signer | None = None  # DKIM (issue 14): signs each personal copy

    @classmethod
    def build(cls, rendered: RenderedIssue, settings: Settings) -> MessageTemplate:
        sender_name, sender_address = email.utils.parseaddr(settings.sender)
        sender_address = check_address("From", sender_address)
        mailto_address = check_address(
            "List-Unsubscribe",
            email.utils.parseaddr(settings.unsubscribe_mailto)[1]
            if settings.unsubscribe_mailto
            else sender_address,
        )
        list_id = settings.list_id_value
        _reject_controls("List-Id", list_id)
        if not _DOMAIN.fullmatch(list_id):
            raise HeaderInjectionError(
                f"List-Id: {list_id!r} is not a list identifier like newsletter.example.com",
                hint="check NEWSLETTER_LIST_ID",
            )
        top = [
            format_address("From", sender_name, sender_address),
            format_unstructured("Subject", rendered.subject),
        ]
        bottom: list[str] = []
        if settings.reply_to:
            reply_name, reply_address = email.utils.parseaddr(settings.reply_to)
            bottom.append(format_address("Reply-To", reply_name, reply_address))
        bottom.append(_with_phrase("List-Id", settings.title or sender_name, list_id))
        if settings.feedback_campaign:
            # Gmail's feedback loop groups complaints by these fields: issue, campaign, type,
            # sender (the last is the stable one).
            bottom.append(
                f"Feedback-ID: {rendered.day:%Y%m%d}:{settings.feedback_campaign}:newsletter:"
                f"{sender_address.rpartition('@')[2].lower()}"
            )
        boundary = "=_nl_" + os.urandom(12).hex()
        bottom += [
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
            "",
            f"--{boundary}",
        ]
        template = cls(
            subject=rendered.subject,
            domain=sender_address.rpartition("@")[2].lower(),
            mailto_address=mailto_address,
            one_click=settings.public_url.lower().startswith("https://"),
            shared_top=("\r\n".join(top) + "\r\n").encode("ascii"),
            shared_bottom=("\r\n".join(bottom) + "\r\n").encode("ascii") + _part_header("plain"),
            text=_Body.split(rendered.text),
            between=f"--{boundary}\r\n".encode("ascii") + _part_header("html"),
            html=_Body.split(rendered.html),
            closing=f"--{boundary}--\r\n".encode("ascii"),
            signer=signer_for(settings),
        )
        # personalize() promises bytes that need no dot-stuffing (deliver marks them
        # wire_ready): base64 lines and checked header values cannot break that, so only the
        # shared pieces can, and they are checked here once.
        for piece in (template.shared_top, template.shared_bottom, template.between):
            if not _wire_ready(piece):
                raise AssertionError(f"message template piece is not wire-ready: {piece[:60]!r}")
        return template

    def personalize(
        self,
        *,
        to_address: str,
        to_name: str | None,
        unsubscribe_url: str,
        preferences_url: str,
        mailto_token: str = "",
        message_id: str | None = None,
        date: dt.datetime | None = None,
    ) -> bytes:
        """The complete message for one reader, CRLF line endings, ready for SMTP."""
        to_header = format_address("To", to_name, to_address)
        check_url("List-Unsubscribe", unsubscribe_url)
        check_url("Preferences link", preferences_url)
        _reject_controls("List-Unsubscribe", mailto_token)
        if message_id is None:
            message_id = make_message_id(self.domain)
        elif _CONTROL.search(message_id) or not _MESSAGE_ID.fullmatch(message_id):
            raise HeaderInjectionError(f"Message-ID: {message_id!r} is not like <id@domain>")
        if date is None:
            date_value = date_now()
        else:
            if date.tzinfo is None:
                date = date.replace(tzinfo=dt.UTC)
            date_value = email.utils.format_datetime(date)
        mailto_subject = "unsubscribe"
        if mailto_token:
            mailto_subject += "%20" + urllib.parse.quote(mailto_token, safe="")
        pieces = self._pieces(
            to_header,
            date_value,
            message_id,
            unsubscribe_url,
            preferences_url,
            html.escape(unsubscribe_url),
            html.escape(preferences_url),
            mailto_subject,
        )
        return b"".join(self._signed(pieces))

    def for_reader(
        self,
        *,
        to_address: str,
        to_name: str | None,
        token: str,
        reader_links: ReaderLinks,
        message_id: str,
    ) -> bytes:
        """personalize() for a delivery run: the same bytes, with what is the same for every
        reader checked once (the links' prefixes, the Message-ID's domain: ReaderLinks,
        MessageIds) and only the reader's own parts checked here."""
        pieces = self.reader_pieces(
            to_address=to_address,
            to_name=to_name,
            token=token,
            reader_links=reader_links,
            message_id=message_id,
        )
        return b"".join(pieces)  # one piece (signed) comes back as it is, not copied

    def reader_pieces(
        self,
        *,
        to_address: str,
        to_name: str | None,
        token: str,
        reader_links: ReaderLinks,
        message_id: str,
    ) -> tuple[bytes, ...]:
        """for_reader()'s bytes as the pieces that make them, in order, not joined: most of
        them are the template's own, shared by every reader, and the SMTP client hands them
        to sendmsg() as they are. Joining them copied ~38 KB a message into a new object that
        the sender then read again on the other core (issue 12). One piece when the message
        is DKIM-signed (the signature covers the joined bytes) or takes personalize()'s path."""
        to_header = format_address("To", to_name, to_address)
        if _TOKEN_SAFE.fullmatch(token) is None:  # not as make_token writes it: check it all
            return (
                self.personalize(
                    to_address=to_address,
                    to_name=to_name,
                    unsubscribe_url=reader_links.unsubscribe + token,
                    preferences_url=reader_links.preferences + token,
                    mailto_token=token,
                    message_id=message_id,
                ),
            )
        return self._signed(
            self._pieces(
                to_header,
                date_now(),
                message_id,
                reader_links.unsubscribe + token,
                reader_links.preferences + token,
                reader_links.unsubscribe_html + token,  # the token is URL-safe: no escaping
                reader_links.preferences_html + token,
                "unsubscribe%20" + token,  # nothing in a token needs quoting either
            )
        )

    def _signed(self, pieces: tuple[bytes, ...]) -> tuple[bytes, ...]:
        """The pieces as they go out: as they are, or joined and DKIM-signed. Signed last,
        over exactly the bytes that go out (DKIM-Signature lines never start with a dot, so
        the wire-ready promise holds); base64 lines, boundaries and our part headers are
        already relaxed-canonical (a test checks it against relaxed_body)."""
        if self.signer is None:
            return pieces
        return (self.signer.sign(b"".join(pieces), canonical_body=True),)

    def _pieces(
        self,
        to_header: str,
        date_value: str,
        message_id: str,
        unsubscribe_url: str,
        preferences_url: str,
        unsubscribe_html: str,
        preferences_html: str,
        mailto_subject: str,
    ) -> tuple[bytes, ...]:
        personal = (
            f"{to_header}\r\n"
            f"Date: {date_value}\r\n"
            f"Message-ID: {message_id}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>,\r\n"
            f" <mailto:{self.mailto_address}?subject={mailto_subject}>\r\n"
        )
        if self.one_click:
            personal += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        text, page = self.text, self.html
        # Precomputed pieces but for the headers above and the base64 of each body's tail
        # (after its first link), which are made per reader.
        return (
            self.shared_top,
            personal.encode("ascii"),
            self.shared_bottom,
            text.encoded_head,
            text.tail(unsubscribe_url.encode("ascii"), preferences_url.encode("ascii")),
            self.between,
            page.encoded_head,
            page.tail(unsubscribe_html.encode("ascii"), preferences_html.encode("ascii")),
            self.closing,
        )


def generic_html(rendered: RenderedIssue, settings: Settings) -> str:
    """The archive ("view in browser") copy: no reader's token in it. The generic links lead
    to pages where a visitor enters an address (web.py answers /u/ and /p/ without a token)."""
    values = {
        UNSUBSCRIBE_PLACEHOLDER: html.escape(links.unsubscribe_url(settings.public_url, "")),
        PREFERENCES_PLACEHOLDER: html.escape(links.preferences_url(settings.public_url, "")),
    }
    return _SPLIT.sub(lambda match: values[match.group()], rendered.html)


def generic_text(rendered: RenderedIssue, settings: Settings) -> str:
    values = {
        UNSUBSCRIBE_PLACEHOLDER: links.unsubscribe_url(settings.public_url, ""),
        PREFERENCES_PLACEHOLDER: links.preferences_url(settings.public_url, ""),
    }
    return _SPLIT.sub(lambda match: values[match.group()], rendered.text)
