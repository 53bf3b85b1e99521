"""A relay whose reply bytes are shaped on cue: FaultSmtp (aiosmtpd, FaultPlan refusals, stage
counts) whose replies to a transaction are gathered, rewritten and written in pieces.

    server = ShapedSmtp(cuts=lambda n: [k])     # the batch with message n's final reply, cut at k
    server = ShapedSmtp(eol=b"\\n")              # every transaction reply ends in a bare LF
    server = ShapedSmtp(rewrite={("MAIL", 3): b"250-one\\r\\n250 two"})   # message 3's MAIL reply
    server.close_after("RCPT", 4)                # message 4's RCPT reply, then the relay hangs up

Why: the client reads the three accepted replies of a pipelined message with one match over
its buffer (newsletter.mailers.wire._Wire.take_accepted). What it must never do is take a
prefix, a multi-line reply, a refusal or a garbled line for "accepted". aiosmtpd writes each
reply as soon as it is made; here the replies a pipelined group earns (the final dot's and the
next message's MAIL, RCPT and DATA) are gathered for QUIET seconds and written as one batch,
cut at chosen offsets with GAP seconds between the pieces, so the client's recv() sees them
split exactly there. Replies outside a transaction (greeting, EHLO, RSET, QUIT) pass unshaped.

The relay's own state stays honest: a refusal comes from the FaultPlan (the handler then does
not take the message); a rewrite only changes the bytes of an answer the relay meant (a 250
stays an acceptance, or becomes garbage the client must treat as a lost connection).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiosmtpd.smtp import SMTP

from tests.fault_smtp import FaultSmtp, _HoldingController, _HoldingSMTP

QUIET = 0.01  # seconds a batch waits for the rest of a pipelined group's replies
GAP = 0.01  # seconds between the pieces of a cut batch (the default): the client reads each

Cuts = Callable[[int], list[int]]


class _ShapedSMTP(_HoldingSMTP):
    owner: ShapedSmtp

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stage: str | None = None
        self._number = 0  # the message of the current DATA / final dot
        self._pending = bytearray()
        self._dots: list[int] = []  # messages whose final reply is in _pending
        self._flusher: asyncio.Task[None] | None = None
        self._closing = False

    # Which reply is which: the command being answered, and the message it belongs to.
    async def smtp_MAIL(self, arg: str) -> None:
        self._stage = "MAIL"
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str) -> None:
        self._stage = "RCPT"
        await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg: str) -> None:
        self._stage = "DATA"
        self._number = getattr(self.envelope, "message_number", 0)
        await super().smtp_DATA(arg)

    async def smtp_RSET(self, arg: str) -> None:
        self._stage = None
        await super().smtp_RSET(arg)

    async def smtp_QUIT(self, arg: str) -> None:
        self._stage = None
        await super().smtp_QUIT(arg)

    async def push(self, status: Any) -> None:
        if self._closing:
            return  # it hung up after its last word: nothing more leaves
        raw = status.encode() if isinstance(status, str) else bytes(status)
        stage = self._stage
        if stage is None:
            if self._flusher is None:
                await super().push(raw)
            else:
                self._pending += raw + b"\r\n"  # behind what is still being written
            return
        # The final reply is made after the envelope was reset: its number was kept at DATA.
        number = self._number
        if stage not in ("DATA", "DOT"):
            number = getattr(self.envelope, "message_number", 0)
        if stage == "DATA" and raw.startswith(b"354"):
            self._stage = "DOT"  # the next reply in this DATA is the final one
        if stage == "DOT":
            self._dots.append(number)
        owner = self.owner
        raw = owner.rewrite.get((stage, number), raw)
        self._pending += raw + owner.eol
        if (stage, number) in owner._close_after:
            self._closing = True
        if self._flusher is None:
            self._flusher = asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        try:
            while self._pending:
                await asyncio.sleep(QUIET)
                batch, dots = bytes(self._pending), self._dots
                self._pending.clear()
                self._dots = []
                cuts = sorted({c for n in dots for c in self.owner.cuts(n) if 0 < c < len(batch)})
                start = 0
                for cut in [*cuts, len(batch)]:
                    if start:
                        await asyncio.sleep(self.owner.gap)
                    if self.transport is None or self.transport.is_closing():
                        return
                    self.transport.write(batch[start:cut])
                    start = cut
            if self._closing and self.transport is not None:
                self.transport.close()
        finally:
            self._flusher = None


class _ShapedController(_HoldingController):
    def factory(self) -> SMTP:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = _ShapedSMTP(self.handler, **self.SMTP_kwargs)
        server.owner = self.owner  # type: ignore[assignment]
        return server


class ShapedSmtp(FaultSmtp):
    """FaultSmtp whose transaction replies are rewritten and cut (see the module's doc)."""

    controller_class = _ShapedController

    def __init__(
        self,
        *,
        cuts: Cuts | None = None,
        eol: bytes = b"\r\n",
        rewrite: dict[tuple[str, int], bytes] | None = None,
        gap: float = GAP,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gap = gap
        self.cuts: Cuts = cuts or (lambda number: [])
        self.eol = eol
        self.rewrite = dict(rewrite or {})
        self._close_after: set[tuple[str, int]] = set()

    def close_after(self, stage: str, number: int) -> ShapedSmtp:
        """Hang up once message `number`'s reply at `stage` (MAIL, RCPT, DATA, DOT) is out."""
        self._close_after.add((stage, number))
        return self
