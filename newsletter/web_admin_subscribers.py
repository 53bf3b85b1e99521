"""The console's subscriber pages: search, add, remove, regions, import CSV, export CSV."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from newsletter.errors import NewsletterError
from newsletter.models import REGION_ORDER, Region, SubscriberStatus
from newsletter.web_admin_base import ConsoleBase, guarded
from newsletter.web_common import NO_STORE

_OPTED_OUT = (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.COMPLAINED)

SEARCH_LIMIT = 200


class SubscriberPages(ConsoleBase):
    """/admin/subscribers and its forms, import and export."""

    @guarded
    async def subscribers(self, request: Request) -> Response:
        return await self._subscribers_page(request, request.query_params.get("q", "")[:200])

    async def _subscribers_page(
        self,
        request: Request,
        query: str,
        import_result: dict[str, Any] | None = None,
        confirm_remove: Any = None,  # a Subscriber who opted out: ask before removing them
    ) -> Response:
        from newsletter.store.console import search_subscribers

        ids = await self.call(search_subscribers, self.db, query, SEARCH_LIMIT)
        found = [await self.call(self.db.get_subscriber, i) for i in ids]
        counts = await self.call(self.db.count_subscribers)
        return self.render(
            request,
            "subscribers.html.j2",
            query=query,
            found=[s for s in found if s is not None],
            counts=counts,
            limit=SEARCH_LIMIT,
            import_result=import_result,
            confirm_remove=confirm_remove,
        )

    @guarded
    async def subscriber_change(self, request: Request) -> Response:
        form = request.state.form
        action = str(form.get("action") or "")
        email = str(form.get("email") or "").strip()
        back = "/admin/subscribers" + (f"?q={quote(email)}" if email else "")
        try:
            if action == "add":
                regions = _picked_regions(form.getlist("region"))
                name = str(form.get("name") or "").strip() or None
                before = await self.call(self.db.find_subscriber, email) if email else None
                if before is not None and before.status in _OPTED_OUT:
                    # Consent: as on the CLI, only the reader's own request undoes an
                    # unsubscribe or a complaint, and that needs the explicit --resubscribe.
                    self.flash(
                        request,
                        "bad",
                        f"{before.email} {before.status.value} and gets no mail; nothing was "
                        f"changed (if they asked to come back: `newsletter subscribers add "
                        f"{before.email} --resubscribe`)",
                    )
                    return RedirectResponse(back, status_code=303)
                # Only a bounced reader comes back (the operator's word is enough for that); one
                # who unsubscribes meanwhile stays unsubscribed.
                bounced = before is not None and before.status is SubscriberStatus.BOUNCED
                subscriber, created = await self.call(
                    self.db.add_subscriber, email, name, regions, reactivate=bounced
                )
                verb = "added" if created else "updated"
                self.flash(request, "ok", f"{verb} {subscriber.email}")
                await self.audit(request, f"subscriber.{'add' if created else 'update'}", email)
            elif action == "remove":
                before = await self.call(self.db.find_subscriber, email) if email else None
                if (
                    before is not None
                    and before.status in _OPTED_OUT
                    and form.get("confirm") != "yes"
                ):
                    # Their row is the only record of the opt-out: once it is gone, a later
                    # import or add mails them again. Ask first, as the CLI warns.
                    return await self._subscribers_page(
                        request, before.email, confirm_remove=before
                    )
                if not await self.call(self.db.remove_subscriber, email):
                    raise HTTPException(404)
                self.flash(request, "ok", f"removed {email}")
                # A removal erases the reader: the audit keeps who was removed by id, never
                # the address (as the CLI's remove does).
                erased = f"subscriber {before.id}" if before is not None else "a subscriber"
                await self.audit(request, "subscriber.remove", f"{erased}, address erased")
            elif action == "regions":
                subscriber = await self.call(self.db.find_subscriber, email)
                if subscriber is None:
                    raise HTTPException(404)
                regions = _picked_regions(form.getlist("region"))
                await self.call(self.db.set_regions, subscriber.id, regions)
                shown = ",".join(r.value for r in REGION_ORDER if r in regions) or "all"
                self.flash(request, "ok", f"{email} now gets: {shown}")
                await self.audit(request, "subscriber.regions", f"{email}: {shown}")
            else:
                raise HTTPException(400)
        except (NewsletterError, ValueError) as exc:
            self.flash(request, "bad", str(exc))
        return RedirectResponse(back, status_code=303)

    @guarded
    async def subscribers_import(self, request: Request) -> Response:
        upload = request.state.form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            self.flash(request, "bad", "Choose a CSV file to import.")
            return RedirectResponse("/admin/subscribers", status_code=303)
        # Only the name is kept, and only harmless characters of it: problems cite it by line.
        base = Path(upload.filename.replace("\\", "/")).name
        name = re.sub(r"[^\w.-]", "_", base).lstrip(".")[:100] or "upload.csv"
        data = await upload.read()
        result = await self.call(_import, self.db, name, data)
        await self.audit(request, "subscriber.import", f"{name}: {result['summary']}")
        return await self._subscribers_page(request, "", result)

    @guarded
    async def subscribers_export(self, request: Request) -> Response:
        from newsletter.consent_export import csv_chunks

        await self.audit(request, "subscriber.export")
        filename = f"subscribers-{self.settings.today()}.csv"
        # The CLI's export, column for column: what `subscribers import` reads, then consent.
        return StreamingResponse(
            csv_chunks(self.db),  # iterated in a thread pool by Starlette: the store is synchronous
            media_type="text/csv; charset=utf-8",
            headers={**NO_STORE, "content-disposition": f'attachment; filename="{filename}"'},
        )


def _import(store: Any, name: str, data: bytes) -> dict[str, Any]:
    """The CLI's import, on the uploaded bytes; problems name the uploaded file and its lines."""
    with tempfile.TemporaryDirectory(prefix="newsletter-upload-") as tmp:
        path = Path(tmp) / name

        def shown(text: str) -> str:
            # The server's temporary folder means nothing to the operator (nor should a
            # visitor learn it): the uploaded file by its name, a file next to it by its own.
            return text.replace(str(path), name).replace(str(Path(tmp)) + os.sep, "")

        path.write_bytes(data)
        try:
            report = store.import_csv(path)
        except NewsletterError as exc:
            error = shown(str(exc))
            return {"summary": "not imported", "error": error, "problems": [], "notes": []}
        problems = [shown(str(p)) for p in report.problems]
        notes = [shown(str(p)) for p in report.notes]
    summary = report.summary()
    note = report.ignored_note(name)
    if note:
        summary = f"{summary}. Note: {note}"
    return {"summary": summary, "error": None, "problems": problems, "notes": notes}


def _picked_regions(values: list[Any]) -> frozenset[Region]:
    return frozenset(Region.parse(str(v)) for v in values)
