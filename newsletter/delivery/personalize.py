"""Each reader's message: the issue rendered once per section set, then filled per reader."""

from __future__ import annotations

import threading
import time

from newsletter import links
from newsletter.errors import HeaderInjectionError
from newsletter.message import MessageIds, MessageTemplate, ReaderLinks
from newsletter.models import Issue, Region
from newsletter.render import Renderer
from newsletter.settings import Settings
from newsletter.tokens import TokenMaker, make_token
from newsletter.verp import DeliveryMessageIds


class Personalizer:
    """Builds each reader's message bytes from the template of their section set.

    Rendering (Jinja2 + premailer) happens once per distinct set of sections a reader can
    get, never per reader; per reader we only sign a token and fill the template."""

    def __init__(
        self, issue: Issue, settings: Settings, renderer: Renderer, *, test: bool = False
    ) -> None:
        self._issue = issue
        self._settings = settings
        self._renderer = renderer
        self._test = test
        self._keys = settings.secret_keys()
        self._domain = settings.sender_address.rpartition("@")[2] or "localhost"
        self._message_ids = MessageIds(self._domain)
        self._delivery_ids = DeliveryMessageIds(self._keys, issue.day)
        self._tokens = TokenMaker(self._keys)
        try:
            self._links: ReaderLinks | None = ReaderLinks.for_public_url(settings.public_url)
        except HeaderInjectionError:
            self._links = None  # each message says why (personalize checks every link)
        self._templates: dict[frozenset[Region], MessageTemplate | None] = {}
        # A reader's chosen regions -> their template, so that the set arithmetic below runs
        # once per distinct choice, not once per reader (the claims share one frozenset per
        # choice: store.subscribers.regions_set caches them).
        self._chosen: dict[frozenset[Region], MessageTemplate | None] = {}
        self._regions = issue.regions  # a property that builds a new frozenset each call
        self._lock = threading.Lock()
        self.render_seconds = 0.0

    def template_for(self, chosen: frozenset[Region]) -> MessageTemplate | None:
        """None when the reader chose only regions that have no news today."""
        found = self._chosen.get(chosen, ...)
        if found is not ...:
            return found
        found = self._template_for(chosen)
        self._chosen[chosen] = found
        return found

    def _template_for(self, chosen: frozenset[Region]) -> MessageTemplate | None:
        wanted = chosen & self._regions
        if chosen and not wanted:
            return None
        key = frozenset() if wanted == self._regions else wanted
        template = self._templates.get(key, ...)
        if template is not ...:
            return template
        with self._lock:
            if key not in self._templates:
                started = time.perf_counter()
                rendered = self._renderer.render(self._issue.only(key), test=self._test)
                self._templates[key] = MessageTemplate.build(rendered, self._settings)
                self.render_seconds += time.perf_counter() - started
            return self._templates[key]

    def message(
        self,
        template: MessageTemplate,
        *,
        subscriber_id: int,
        salt: str,
        email: str,
        name: str | None,
    ) -> bytes:
        pieces = self.pieces(
            template, subscriber_id=subscriber_id, salt=salt, email=email, name=name
        )
        return b"".join(pieces)  # one piece (signed) comes back as it is, not copied

    def pieces(
        self,
        template: MessageTemplate,
        *,
        subscriber_id: int,
        salt: str,
        email: str,
        name: str | None,
    ) -> tuple[bytes, ...]:
        """message()'s bytes as pieces in order, not joined (MessageTemplate.reader_pieces):
        an Envelope's data for the SMTP client's sendmsg()."""
        message_id = self._message_ids()
        if subscriber_id > 0:  # a reader, not a test copy: the Message-ID names the delivery
            message_id = self._delivery_ids(subscriber_id, message_id)
        if self._links is None:
            token = make_token(self._keys, subscriber_id, salt)
            public = self._settings.public_url
            return (
                template.personalize(
                    to_address=email,
                    to_name=name,
                    unsubscribe_url=links.unsubscribe_url(public, token),
                    preferences_url=links.preferences_url(public, token),
                    mailto_token=token,
                    message_id=message_id,
                ),
            )
        return template.reader_pieces(
            to_address=email,
            to_name=name,
            token=self._tokens(subscriber_id, salt),
            reader_links=self._links,
            message_id=message_id,
        )
