"""`newsletter serve`: sign-up with double opt-in (issue 14).

    GET  /subscribe          the form: e-mail, optional name, the five regions (at least one)
    POST /subscribe          always the same "check your inbox" page, whatever the address's
                             state (nobody can probe the list); mails a confirmation link
    GET  /confirm/{token}    a page with one button; changes nothing (mail scanners follow links)
    POST /confirm/{token}    the reader becomes active with the chosen regions; single use

Abuse: a per-client sliding window (429), a per-address limit kept in the database (no more
than three confirmation mails a day, none within five minutes of the last: the answer stays
the same, the mail is not sent), the 16 KB body cap of every page, a signed form field plus
the browser's Sec-Fetch-Site/Origin against cross-site posts, and an off-screen field that
only bots fill in. Bounced and complained addresses get the same answer and no mail: only an
operator can restore them.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsletter.errors import NewsletterError, SubscriberError
from newsletter.logs import mask_email
from newsletter.models import REGION_ORDER, Region
from newsletter.signup import (
    ClientLimiter,
    confirmation_message,
    form_token,
    form_token_valid,
    make_confirm_token,
    new_nonce,
    read_confirm_token,
)
from newsletter.web_common import (
    WebContext,
    csrf_token,
    csrf_valid,
    form_regions,
    is_cross_site,
    up_to_root,
)

log = logging.getLogger(__name__)

STRINGS: dict[str, dict[str, str]] = {
    "ko": {
        "subscribe_title": "뉴스레터 구독하기",
        "subscribe_lead": "매일 아침 지역별 주요 뉴스를 메일로 보내 드립니다.",
        "email_label": "이메일 주소",
        "name_label": "이름 (선택)",
        "trap_label": "비워 두세요",
        "subscribe_button": "구독 신청",
        "subscribe_note": "신청하면 확인 메일이 갑니다. 메일의 링크에서 확인해야 구독이 "
        "시작됩니다. 언제든 메일 아래 링크로 수신 거부할 수 있습니다.",
        "bad_email": "이메일 주소를 다시 확인해 주세요.",
        "bad_name": "이름이 너무 길거나 쓸 수 없는 문자가 들어 있습니다.",
        "too_many": "요청이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.",
        "stale_form": "페이지가 오래되었습니다. 다시 한 번 눌러 주세요.",
        "sent_title": "메일함을 확인해 주세요",
        "sent_lead": "입력하신 주소로 확인 메일을 보냈습니다. 메일의 링크를 열어 구독을 "
        "확인해 주세요.",
        "sent_note": "몇 분이 지나도 메일이 없다면 스팸함을 확인해 주세요. 링크는 48시간 동안 "
        "쓸 수 있습니다.",
        "confirm_title": "구독 확인",
        "confirm_lead": "{email} 주소로 뉴스레터를 받으시겠어요?",
        "confirm_button": "구독 확인",
        "confirm_note": "버튼을 눌러야 구독이 시작됩니다.",
        "confirmed_title": "구독이 시작되었습니다",
        "confirmed_lead": "{email} 주소로 다음 호부터 뉴스레터를 보내 드립니다.",
        "used_title": "이미 확인된 링크입니다",
        "used_lead": "이 확인 링크는 이미 사용되었습니다.",
        "expired_title": "확인 링크가 만료되었습니다",
        "expired_lead": "확인 링크는 48시간 동안만 쓸 수 있습니다. 다시 신청해 주세요.",
        "subscribe_again": "다시 구독 신청하기",
        "blocked_title": "온라인으로 처리할 수 없습니다",
        "blocked_lead": "이 주소는 운영자만 다시 등록할 수 있습니다. 운영자에게 문의해 주세요.",
    },
    "en": {
        "subscribe_title": "Subscribe to the newsletter",
        "subscribe_lead": "The morning's news by region, in your inbox every day.",
        "email_label": "E-mail address",
        "name_label": "Name (optional)",
        "trap_label": "Leave this empty",
        "subscribe_button": "Subscribe",
        "subscribe_note": "We will send you a confirmation e-mail; your subscription starts "
        "when you confirm it. Every issue has a one-click unsubscribe link.",
        "bad_email": "Please check the e-mail address.",
        "bad_name": "The name is too long or holds characters we cannot use.",
        "too_many": "Too many requests. Please try again in a little while.",
        "stale_form": "This page was open for a long time. Please press the button again.",
        "sent_title": "Check your inbox",
        "sent_lead": "We sent a confirmation e-mail to the address you entered. Open its link "
        "to confirm your subscription.",
        "sent_note": "Nothing after a few minutes? Look in the spam folder. The link works "
        "for 48 hours.",
        "confirm_title": "Confirm your subscription",
        "confirm_lead": "Send the newsletter to {email}?",
        "confirm_button": "Confirm",
        "confirm_note": "Your subscription starts when you press the button.",
        "confirmed_title": "You are subscribed",
        "confirmed_lead": "The newsletter goes to {email} from the next issue on.",
        "used_title": "Link already used",
        "used_lead": "This confirmation link has been used already.",
        "expired_title": "The link has expired",
        "expired_lead": "Confirmation links work for 48 hours. Please sign up again.",
        "subscribe_again": "Sign up again",
        "blocked_title": "This cannot be done online",
        "blocked_lead": "Only the newsletter's operator can add this address again. "
        "Please contact them.",
    },
}


def client_address(request: Request) -> str:
    # uvicorn has already applied X-Forwarded-For from the proxies it trusts
    # (NEWSLETTER_WEB__FORWARDED_ALLOW_IPS, by default this host only).
    return request.client.host if request.client else ""


class Signup:
    def __init__(self, web: WebContext) -> None:
        self.web = web
        self.settings = web.settings
        self.strings = STRINGS[web.pages.locale]
        self.limiter = ClientLimiter()

    def render(
        self, template: str, request: Request, status: int = 200, **context: Any
    ) -> Response:
        root = up_to_root(request.url.path)
        html = self.web.pages.render(
            template, s=self.strings, archive_href=root + "archive/", **context
        )
        headers = {"retry-after": "600"} if status == 429 else None
        return self.web.page(html, status, headers)

    def form_page(
        self,
        request: Request,
        *,
        status: int = 200,
        error: str | None = None,
        email: str = "",
        name: str = "",
        chosen: frozenset[Region] = frozenset(REGION_ORDER),
    ) -> Response:
        return self.render(
            "subscribe.html.j2",
            request,
            status,
            csrf=form_token(self.web.keys, dt.datetime.now(dt.UTC)),
            error=error,
            email=email,
            name_value=name,
            regions=REGION_ORDER,
            chosen=chosen,
        )

    async def subscribe(self, request: Request) -> Response:
        if request.method == "GET":
            return self.form_page(request)
        if is_cross_site(request.headers, self.web.allowed_origins(request)):
            raise HTTPException(403)
        form = await self.web.form(request)
        email = _field(form.get("email"), 320)
        name = _field(form.get("name"), 200)
        picked = _picked(form.getlist("region"))
        keep = {"email": email, "name": name, "chosen": picked or frozenset()}
        now = dt.datetime.now(dt.UTC)
        if not form_token_valid(self.web.keys, _field(form.get("csrf"), 100), now):
            return self.form_page(request, status=400, error=self.strings["stale_form"], **keep)
        client = client_address(request)
        if not self.limiter.allow(client, time.monotonic()):
            log.warning("sign-up: too many requests from one client")
            return self.form_page(request, status=429, error=self.strings["too_many"], **keep)
        if picked is None or not picked:
            key = "preferences_unknown" if picked is None else "preferences_none"
            return self.form_page(request, status=400, error=self.web.pages.strings[key], **keep)
        if _field(form.get("website"), 200):
            log.info("sign-up: the off-screen field was filled in; no mail sent")
            return self.render("subscribe_sent.html.j2", request)
        try:
            signup = await self.web.call(self._request, email, name, picked, client, now)
        except SubscriberError as exc:
            which = "bad_name" if str(exc).startswith("name") else "bad_email"
            return self.form_page(request, status=400, error=self.strings[which], **keep)
        response = self.render("subscribe_sent.html.j2", request)
        if not signup.mail:
            log.info("sign-up for %s: no mail (%s)", mask_email(signup.email), signup.why)
        else:
            # After the answer is sent: how long the relay takes must not tell a prober
            # whether this address gets a mail (bounced, complained, rate-limited do not).
            response.background = BackgroundTask(run_in_threadpool, self._mail, signup, now)
        return response

    def _request(
        self, email: str, name: str, regions: frozenset[Region], client: str, now: dt.datetime
    ) -> Any:
        from newsletter.store.consent import request_signup

        return request_signup(
            self.web.db, email, name or None, regions, client=client, nonce=new_nonce(), now=now
        )

    def _mail(self, signup: Any, now: dt.datetime) -> None:
        """Send the confirmation through the configured transport. A failure is logged and
        the page stays the same: the answer must not depend on the address."""
        from newsletter.dkim import signer_for
        from newsletter.mailers import make_transport
        from newsletter.mailers.base import Envelope
        from newsletter.store.consent import forget_mail
        from newsletter.web_pages import site_title

        settings = self.settings
        token = make_confirm_token(self.web.keys, signup.signup_id, signup.nonce)
        url = f"{settings.public_url}/confirm/{token}"
        domain = settings.sender_address.rpartition("@")[2] or "localhost"
        sender = settings.bounce_address or settings.sender_address
        try:
            data = confirmation_message(
                locale=settings.locale,
                title=site_title(settings.locale, settings.title),
                sender=settings.sender,
                to_address=signup.email,
                url=url,
                domain=domain,
                now=now,
            )
            signer = signer_for(settings)  # signed like the issues, so it lands like them
            if signer is not None:
                data = signer.sign(data)
            connection = make_transport(settings).connect()
            try:
                outcome = connection.send(Envelope(sender, signup.email, data, signup.signup_id))
            finally:
                connection.close()
        except NewsletterError as exc:
            log.error("sign-up for %s: confirmation not sent: %s", mask_email(signup.email), exc)
            forget_mail(self.web.db, signup.signup_id)
            return
        if outcome.delivered:
            log.info("sign-up for %s: confirmation sent", mask_email(signup.email))
        else:
            log.warning(
                "sign-up for %s: confirmation not sent: %s %s",
                mask_email(signup.email),
                outcome.code or "",
                outcome.detail,
            )
            forget_mail(self.web.db, signup.signup_id)

    async def confirm(self, request: Request) -> Response:
        from newsletter.store.consent import Confirmation, confirm, peek

        token = request.path_params["token"]
        claims = read_confirm_token(self.web.keys, token)
        if claims is None:
            raise HTTPException(404)
        subscribe_href = up_to_root(request.url.path) + "subscribe"
        if request.method == "POST":
            if is_cross_site(request.headers, self.web.allowed_origins(request)):
                raise HTTPException(403)
            form = await self.web.form(request)
            if not csrf_valid(self.web.keys, token, _field(form.get("csrf"), 100)):
                raise HTTPException(403)
            result = await self.web.call(
                lambda: confirm(
                    self.web.db, claims.signup_id, claims.nonce, client=client_address(request)
                )
            )
            if result.state is Confirmation.CONFIRMED:
                log.info("sign-up for %s confirmed", mask_email(result.email))
        else:
            result = await self.web.call(peek, self.web.db, claims.signup_id, claims.nonce)
        if result.state is Confirmation.UNKNOWN:
            raise HTTPException(404)
        state = result.state.value
        if request.method == "GET" and result.state is Confirmation.CONFIRMED:
            state = "ready"
        status = {"expired": 410, "blocked": 409}.get(state, 200)
        return self.render(
            "confirm.html.j2",
            request,
            status,
            state=state,
            email=mask_email(result.email),
            csrf=csrf_token(self.web.keys, token),
            subscribe_href=subscribe_href,
        )


def _field(value: object, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    return value.strip()[: limit + 1]


def _picked(values: list[Any]) -> frozenset[Region] | None:
    return form_regions(values)


def signup_routes(web: WebContext) -> list[Route]:
    signup = Signup(web)
    return [
        Route("/subscribe", signup.subscribe, methods=["GET", "POST"]),
        Route("/confirm/{token}", signup.confirm, methods=["GET", "POST"]),
    ]
