"""The readers' pages: words per locale and the Jinja2 environment that renders them.

Kept apart from newsletter.web so that the wording can be read and changed without the HTTP
plumbing. Templates live in templates/web/ (shipped as newsletter._templates); an operator's
NEWSLETTER_TEMPLATES_DIR/web/ overrides them one file at a time, like the mail templates.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from newsletter.models import Region

Locale = Literal["ko", "en"]

REGION_LABELS: dict[Locale, dict[Region, str]] = {
    "ko": {
        Region.US: "미국",
        Region.CHINA: "중국",
        Region.JAPAN: "일본",
        Region.EUROPE: "유럽",
        Region.OTHER: "기타 지역",
    },
    "en": {
        Region.US: "United States",
        Region.CHINA: "China",
        Region.JAPAN: "Japan",
        Region.EUROPE: "Europe",
        Region.OTHER: "Elsewhere",
    },
}

WEEKDAYS: dict[Locale, tuple[str, ...]] = {
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

DEFAULT_TITLE: dict[Locale, str] = {"ko": "모닝 브리프", "en": "Morning Brief"}

# Every sentence a reader can see. Both locales carry the same keys (a test checks it).
STRINGS: dict[Locale, dict[str, str]] = {
    "ko": {
        "unsubscribe_title": "수신 거부",
        "unsubscribe_lead": "{email} 주소로 보내는 뉴스레터를 더 이상 받지 않으시겠어요?",
        "unsubscribe_button": "수신 거부하기",
        "unsubscribe_note": "버튼을 누르면 바로 처리되며, 다음 호부터 메일이 가지 않습니다.",
        "unsubscribed_title": "수신 거부되었습니다",
        "unsubscribed_lead": "{email} 주소로는 더 이상 뉴스레터를 보내지 않습니다.",
        "already_unsubscribed_title": "이미 수신 거부된 주소입니다",
        "already_unsubscribed_lead": "{email} 주소로는 뉴스레터를 보내지 않고 있습니다.",
        "unsubscribed_plain": "수신 거부되었습니다.",
        "already_unsubscribed_plain": "이미 수신 거부된 주소입니다.",
        "preferences_title": "받아 볼 지역 선택",
        "preferences_lead": "{email} 주소로 받을 지역 소식을 골라 주세요.",
        "preferences_legend": "지역 (하나 이상)",
        "preferences_save": "저장하기",
        "preferences_saved": "저장했습니다. 다음 호부터 고른 지역 소식만 보내 드립니다.",
        "preferences_none": "지역을 하나 이상 골라 주세요.",
        "preferences_unknown": "알 수 없는 지역이 들어 있습니다. 목록에서 다시 골라 주세요.",
        "preferences_unsubscribed": "이 주소는 수신 거부된 상태라 뉴스레터가 가지 않습니다.",
        "preferences_leave": "뉴스레터를 그만 받으려면 수신 거부하기",
        "preferences_link": "받아 볼 지역 바꾸기",
        "no_token_lead": "수신 거부와 지역 변경은 받으신 메일 맨 아래의 링크로 할 수 "
        "있습니다. 누구나 보는 공개본(지난 호)에는 독자별 링크가 들어 있지 않습니다.",
        "sample_copy_lead": "이 링크는 미리 보기나 시험 발송([TEST]) 메일에 들어 있는 것으로, "
        "어느 독자의 것도 아니어서 아무것도 바뀌지 않았습니다. 수신 거부와 지역 변경은 받으신 "
        "메일 맨 아래의 링크로 할 수 있습니다.",
        "archive_title": "지난 호 보기",
        "archive_empty": "아직 보관된 호가 없습니다.",
        "archive_link": "지난 호 보기",
        "error_400": "요청을 이해하지 못했습니다.",
        "error_403": "다른 사이트에서 보낸 요청은 받을 수 없습니다. "
        "메일의 링크를 다시 열어 주세요.",
        "error_404": "페이지를 찾을 수 없습니다. 링크가 잘렸거나 더 이상 쓸 수 없는 링크입니다.",
        "error_405": "이 주소에서는 그 방식의 요청을 받지 않습니다.",
        "error_413": "보낸 내용이 너무 큽니다.",
        "error_500": "잠시 문제가 생겼습니다. 조금 뒤에 다시 시도해 주세요.",
        "error_other": "요청을 처리하지 못했습니다.",
        "error_title": "오류",
    },
    "en": {
        "unsubscribe_title": "Unsubscribe",
        "unsubscribe_lead": "Stop sending the newsletter to {email}?",
        "unsubscribe_button": "Unsubscribe",
        "unsubscribe_note": "One press is enough: no further issues will be sent.",
        "unsubscribed_title": "You are unsubscribed",
        "unsubscribed_lead": "We will not send the newsletter to {email} any more.",
        "already_unsubscribed_title": "Already unsubscribed",
        "already_unsubscribed_lead": "The newsletter is no longer sent to {email}.",
        "unsubscribed_plain": "Unsubscribed.",
        "already_unsubscribed_plain": "Already unsubscribed.",
        "preferences_title": "Choose your regions",
        "preferences_lead": "Pick the regions whose news {email} should receive.",
        "preferences_legend": "Regions (at least one)",
        "preferences_save": "Save",
        "preferences_saved": "Saved. From the next issue on you get news from these regions only.",
        "preferences_none": "Please pick at least one region.",
        "preferences_unknown": "That region is not on the list; please pick again.",
        "preferences_unsubscribed": "This address is unsubscribed, so no issues are sent to it.",
        "preferences_leave": "Unsubscribe from the newsletter",
        "preferences_link": "Change your regions",
        "no_token_lead": "You can unsubscribe or change your regions with the link at the "
        "bottom of the e-mail you received. The public copy of an issue carries no personal "
        "link.",
        "sample_copy_lead": "This link is from a preview or a [TEST] copy of the newsletter and "
        "belongs to no reader, so nothing was changed. Readers unsubscribe or change their "
        "regions with the link at the bottom of the e-mail they received.",
        "archive_title": "Past issues",
        "archive_empty": "No issues yet.",
        "archive_link": "Past issues",
        "error_400": "The request could not be understood.",
        "error_403": "Requests from other sites are not accepted. Please open the link from the "
        "e-mail again.",
        "error_404": "Page not found. The link may be cut short or no longer valid.",
        "error_405": "This address does not accept that kind of request.",
        "error_413": "What was sent is too large.",
        "error_500": "Something went wrong on our side. Please try again in a little while.",
        "error_other": "The request could not be handled.",
        "error_title": "Error",
    },
}


def site_title(locale: Locale, configured: str | None) -> str:
    return configured or DEFAULT_TITLE[locale]


def format_day(day: dt.date, locale: Locale) -> str:
    """2024-05-01 (수): ISO dates sort and read the same everywhere; the weekday helps."""
    return f"{day.isoformat()} ({WEEKDAYS[locale][day.weekday()]})"


def error_message(locale: Locale, status: int) -> str:
    return STRINGS[locale].get(f"error_{status}", STRINGS[locale]["error_other"])


def _package_web_dir() -> Path:
    return Path(str(resources.files("newsletter._templates"))) / "web"


class Pages:
    """Renders the readers' pages in one locale."""

    def __init__(self, locale: Locale, title: str | None, templates_dir: Path | None) -> None:
        self.locale: Locale = locale
        self.strings = STRINGS[locale]
        self.title = site_title(locale, title)
        loaders = []
        if templates_dir is not None and (templates_dir / "web").is_dir():
            loaders.append(FileSystemLoader(templates_dir / "web"))
        loaders.append(FileSystemLoader(_package_web_dir()))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,  # every template here is HTML
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def render(self, name: str, **context: Any) -> str:
        template = self.env.get_template(name)
        return template.render(
            lang=self.locale,
            t=self.strings,
            site_title=self.title,
            region_labels=REGION_LABELS[self.locale],
            **context,
        )

    def error(self, status: int, archive_href: str) -> str:
        return self.render(
            "error.html.j2",
            status=status,
            message=error_message(self.locale, status),
            archive_href=archive_href,
        )
