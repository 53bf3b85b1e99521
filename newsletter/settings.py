"""Settings: the only reader of the environment.

Read once at the entry point (``load_settings``) and passed down. Every variable is
``NEWSLETTER_<NAME>``, nested groups with ``__`` (``NEWSLETTER_SMTP__HOST``); a ``.env`` file in
the working directory is read too, and secrets may come from files
(``NEWSLETTER_SMTP__PASSWORD_FILE``, ``NEWSLETTER_SECRET_KEY_FILE``) or from a secrets
directory (``NEWSLETTER_SECRETS_DIR``, e.g. ``/run/secrets``), so no secret need sit in the
environment or the image.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import secrets
import urllib.parse
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsletter.errors import ConfigError, json_problem

ENV_PREFIX = "NEWSLETTER_"
METRICS_TOKEN_MIN = 16  # characters of NEWSLETTER_METRICS_TOKEN, like each SECRET_KEY
_DEFAULT_SCHEDULE = "0 7 * * *"

# Default ports follow the security mode: submission with STARTTLS, implicit TLS, plain relay.
_DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


def _read_secret_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except PermissionError as exc:
        # In a container the reader is uid 10001, not the host user who wrote the file.
        uid = os.getuid()
        raise ValueError(
            f"cannot read {path}: {exc.strerror or exc} (this process runs as uid {uid}:"
            f" make the file readable by it, e.g. chown {uid} on the host)"
        ) from None
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None


class SmtpSettings(BaseModel):
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    username: str | None = None
    password: SecretStr | None = None
    password_file: Path | None = None
    security: Literal["starttls", "tls", "none"] = "starttls"
    # A private CA bundle for the relay's certificate (verification is never switched off).
    ca_file: Path | None = None
    timeout: float = Field(default=30.0, gt=0)
    concurrency: int = Field(default=10, ge=1, le=500)
    rate: float = Field(default=0.0, ge=0)  # messages per second over all connections; 0 = no cap
    max_attempts: int = Field(default=3, ge=1, le=50)
    retry_backoff: float = Field(default=5.0, ge=0)  # seconds before the first retry; doubles
    pipelining: bool = True  # use RFC 2920 PIPELINING when the relay offers it
    # The same permanent refusal for this many readers in a row is about us (the message, the
    # sender), not them: the run stops, nobody is bounced. 0 turns the check off.
    systemic_refusals: int = Field(default=5, ge=0, le=1000)
    helo_name: str | None = None

    @field_validator("host")
    @classmethod
    def _blank_host_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    # A field validator, not a model one: its errors then carry the field's own location, so
    # the operator reads NEWSLETTER_SMTP__PASSWORD_FILE rather than NEWSLETTER_SMTP.
    @field_validator("password_file")
    @classmethod
    def _readable_password_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is not None and info.data.get("password") is None:
            _read_secret_file(value)
        return value

    @model_validator(mode="after")
    def _read_password_file(self) -> SmtpSettings:
        if self.password is None and self.password_file is not None:
            self.password = SecretStr(_read_secret_file(self.password_file))
        return self

    @property
    def effective_port(self) -> int:
        return self.port or _DEFAULT_PORTS[self.security]


class BounceImapSettings(BaseModel):
    """An IMAP folder that receives the bounce address's mail (issue 14); TLS always verified."""

    host: str | None = None
    port: int = Field(default=993, ge=1, le=65535)
    username: str | None = None
    password: SecretStr | None = None
    password_file: Path | None = None
    folder: str = "INBOX"
    ca_file: Path | None = None  # a private CA for the server's certificate
    interval: float = Field(default=300.0, gt=0)  # seconds between scheduled runs

    @field_validator("password_file")
    @classmethod
    def _readable_password_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is not None and info.data.get("password") is None:
            _read_secret_file(value)
        return value

    @model_validator(mode="after")
    def _read_password_file(self) -> BounceImapSettings:
        if self.password is None and self.password_file is not None:
            self.password = SecretStr(_read_secret_file(self.password_file))
        return self


class DkimSettings(BaseModel):
    """DKIM signing (issue 14): all three set, or none."""

    domain: str | None = None
    selector: str | None = None
    private_key_file: Path | None = None

    @field_validator("domain", "selector")
    @classmethod
    def _label(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().lower().rstrip(".")
        if not re.fullmatch(r"[a-z0-9_](?:[a-z0-9_.-]{0,252}[a-z0-9])?", value):
            raise ValueError(f"{value!r} is not a DNS name")
        return value

    @field_validator("private_key_file")
    @classmethod
    def _readable_key(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"{value} is not a readable file")
        return value

    @model_validator(mode="after")
    def _all_or_none(self) -> DkimSettings:
        given = [self.domain, self.selector, self.private_key_file]
        if any(v is not None for v in given) and not all(v is not None for v in given):
            raise ValueError(
                "set NEWSLETTER_DKIM__DOMAIN, NEWSLETTER_DKIM__SELECTOR and"
                " NEWSLETTER_DKIM__PRIVATE_KEY_FILE together"
            )
        return self

    @property
    def enabled(self) -> bool:
        return self.private_key_file is not None


class WebSettings(BaseModel):
    """`newsletter serve` behind a reverse proxy."""

    # Addresses or networks (CIDR) whose X-Forwarded-For/-Proto uvicorn believes, comma-
    # separated, or "*". Behind a proxy on another host or container, every reader would
    # otherwise arrive from the proxy's address and share one sign-up limit and one login
    # lockout.
    forwarded_allow_ips: str = "127.0.0.1,::1"

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _addresses(cls, value: str) -> str:
        import ipaddress

        items = [item.strip() for item in value.split(",") if item.strip()]
        if items == ["*"]:
            return "*"
        if not items:
            raise ValueError("give the proxy's address(es), e.g. 172.18.0.0/16, or '*'")
        kept: list[str] = []
        for item in items:
            # uvicorn takes anything else as a literal that never matches, without a word.
            try:
                kept.append(
                    str(ipaddress.ip_network(item, strict=False))
                    if "/" in item
                    else str(ipaddress.ip_address(item))
                )
            except ValueError:
                raise ValueError(
                    f"{item!r} is not an IP address or network (e.g. 10.0.0.2 or 172.18.0.0/16)"
                ) from None
        return ",".join(kept)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
        populate_by_name=True,
    )

    data_dir: Path = Path("newsletter-data")
    database_url: str | None = None  # default: sqlite:///<DATA_DIR>/newsletter.db
    source: str | None = None  # path or URL, "{date}" -> YYYY-MM-DD; default: the bundled sample
    timezone: str = "Asia/Seoul"
    schedule: str = "0 7 * * *"  # _DEFAULT_SCHEDULE
    # Seconds after the fire time within which a late start still sends today's issue.
    catch_up: float = Field(default=3 * 3600, ge=0)
    locale: Literal["ko", "en"] = "ko"
    sender: str = Field(
        default="Morning Brief <newsletter@localhost>",
        validation_alias=AliasChoices("NEWSLETTER_FROM", "from"),
    )
    reply_to: str | None = None
    public_url: str = "http://localhost:8000"
    list_id: str | None = None  # default: derived from the sender's domain
    unsubscribe_mailto: str | None = None  # default: the sender's address
    # One or more keys, newest first, separated by commas: older keys still verify old links.
    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None
    transport: Literal["smtp", "outbox"] | None = None  # default: smtp when SMTP__HOST is set
    outbox_dir: Path | None = None  # default: <DATA_DIR>/outbox
    templates_dir: Path | None = None  # an operator's own templates, to rebrand the mail
    title: str | None = None  # the newsletter's name in the subject and header; default per locale
    min_items: int = Field(default=1, ge=1)
    resend_unknown: bool = True  # send again, once, messages whose fate is unknown after a crash
    bounce_limit: int = Field(default=3, ge=1)  # hard bounces before an address becomes 'bounced'
    batch_size: int = Field(default=500, ge=1, le=10000)
    lease_seconds: float = Field(default=120.0, gt=0)  # a dead worker's batch is free after this
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    smtp: SmtpSettings = SmtpSettings()
    # The operator console (newsletter.web_admin): minutes of inactivity that end a session,
    # and the bearer token a monitoring system presents to read /metrics (unset: no /metrics).
    admin_idle_minutes: float = Field(default=30.0, gt=0)
    metrics_token: SecretStr | None = None
    web: WebSettings = WebSettings()
    # Issue 14: VERP bounces, bounce mailbox over IMAP, DKIM, Gmail's Feedback-ID, relay hooks.
    bounce_address: str | None = None  # bounces@news.example.com: envelope senders on its domain
    bounce_imap: BounceImapSettings = BounceImapSettings()
    dkim: DkimSettings = DkimSettings()
    feedback_campaign: str | None = None  # adds Feedback-ID: <day>:<campaign>:newsletter:<domain>
    mailgun_webhook_key: SecretStr | None = None  # /webhooks/mailgun answers 404 without it
    # /webhooks/ses accepts only these SNS topics (comma-separated ARNs); 404 without any.
    ses_topic_arns: str | None = None

    @field_validator("data_dir")
    @classmethod
    def _usable_data_dir(cls, value: Path) -> Path:
        # The database, the outbox and the generated secret key all live here; a path through
        # a file would otherwise surface later as a database error naming another setting.
        for candidate in (value, *value.absolute().parents):
            if candidate.exists():
                if not candidate.is_dir():
                    where = "is" if candidate == value else f"runs through {candidate}, which is"
                    raise ValueError(f"{value} {where} a file, not a directory")
                break
        # The folder itself is made on first use (a fresh machine, a new volume), but not a
        # whole missing path: that is a typo, and it would get a new, empty database that
        # then reports "no active subscribers" about the wrong place.
        parent = value.absolute().parent
        if not value.exists() and not parent.is_dir():
            raise ValueError(
                f"neither {value} nor its folder {parent} exists: correct the path, or create"
                f" it first (mkdir -p {value})"
            )
        return value

    @field_validator("database_url")
    @classmethod
    def _existing_sqlite_folder(cls, value: str | None) -> str | None:
        # A typo in an explicit URL must not quietly create a folder and an empty database
        # (and then report "no active subscribers"); only the default under DATA_DIR is made.
        if not value or not value.lower().startswith("sqlite"):
            return value
        database = _sqlite_database(value)
        if database is None:
            return value  # Store.open explains a URL it cannot parse
        if database in ("", ":memory:") or database.startswith("file:"):
            return value
        folder = Path(database).expanduser().absolute().parent
        if not folder.is_dir():
            raise ValueError(
                f"the folder {folder} does not exist: create it, or leave "
                f"{ENV_PREFIX}DATABASE_URL unset to keep the database in {ENV_PREFIX}DATA_DIR"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name like Asia/Seoul)"
            ) from None
        return value

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        fields = value.split()
        if len(fields) != 5:
            raise ValueError(f"{value!r} is not a 5-field cron expression like '0 7 * * *'")
        if value != _DEFAULT_SCHEDULE:
            # APScheduler's own parser, so every command (not only `schedule`) refuses a cron
            # it would refuse; imported only for a non-default schedule (~55 ms).
            from apscheduler.triggers.cron import CronTrigger

            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a valid cron expression: {exc}") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("bounce_address")
    @classmethod
    def _bounce_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        local, at, domain = value.rpartition("@")
        if not at or not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", local) or "+" in local:
            raise ValueError(
                f"{value!r} is not a plain address like bounces@news.example.com (no '+')"
            )
        if not re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", domain):
            raise ValueError(f"{value!r}: {domain!r} is not a domain name")
        return f"{local}@{domain.lower()}"

    @field_validator("metrics_token")
    @classmethod
    def _metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        # Blank is unset (metrics off), never a token an empty bearer would match. A short
        # one is refused where /metrics is served (`serve`: metrics_token_problem), not here:
        # here it would stop `send` and `schedule`, and an upgrade would miss a morning issue.
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    def metrics_token_problem(self) -> str | None:
        """Why `serve` must not start with this NEWSLETTER_METRICS_TOKEN (the only thing
        guarding /metrics: a short one is guessed; the value is never echoed)."""
        if self.metrics_token is None:
            return None
        length = len(self.metrics_token.get_secret_value().strip())
        if length >= METRICS_TOKEN_MIN:
            return None
        return (
            f"NEWSLETTER_METRICS_TOKEN is {length} characters long; use at least"
            f" {METRICS_TOKEN_MIN} (for example: openssl rand -hex 24), or unset it to turn"
            " /metrics off"
        )

    @field_validator("feedback_campaign")
    @classmethod
    def _campaign(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", value.strip()):
            raise ValueError(f"{value!r}: use letters, digits, '.', '_' or '-' (no ':')")
        return value.strip()

    @field_validator("sender", "reply_to", "unsubscribe_mailto")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise ValueError("contains a control character")
        from email.utils import parseaddr

        _, address = parseaddr(value)
        if "@" not in address:
            raise ValueError(f"{value!r} is not an e-mail address like 'News <news@example.com>'")
        return value

    # ---- derived values -------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """The issue date for `now` (default: the current instant) in the configured zone."""
        now = now or dt.datetime.now(dt.UTC)
        return now.astimezone(self.zone).date()

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'newsletter.db').resolve()}"

    @property
    def db_url_setting(self) -> str:
        """The variable an operator should check when ``db_url`` cannot be opened: the URL
        itself, or the data directory it was derived from (``Store.open(url, hint_setting=)``)."""
        return f"{ENV_PREFIX}DATABASE_URL" if self.database_url else f"{ENV_PREFIX}DATA_DIR"

    @property
    def effective_transport(self) -> Literal["smtp", "outbox"]:
        if self.transport:
            return self.transport
        return "smtp" if self.smtp.host else "outbox"

    @property
    def outbox_path(self) -> Path:
        return self.outbox_dir or self.data_dir / "outbox"

    def outbox_notice(self, folder: Path | None = None) -> str | None:
        """What every command that sends must say when mail only lands in the outbox (no
        SMTP__HOST: a lost environment, a .env line without '='), else it reads as delivered."""
        if self.effective_transport != "outbox":
            return None
        where = (folder or self.outbox_path).absolute()
        if self.transport == "outbox":
            fix = f"unset {ENV_PREFIX}TRANSPORT and set {ENV_PREFIX}SMTP__HOST to mail readers"
        else:
            fix = f"{ENV_PREFIX}SMTP__HOST is not set; set it to mail readers"
        return (
            f"outbox only: messages are written to the folder {where} and leave no machine,"
            f" no reader receives them ({fix})"
        )

    @property
    def sender_address(self) -> str:
        from email.utils import parseaddr

        return parseaddr(self.sender)[1]

    @property
    def list_id_value(self) -> str:
        if self.list_id:
            return self.list_id
        domain = self.sender_address.rpartition("@")[2] or "localhost"
        return f"newsletter.{domain}"

    def secret_keys(self) -> list[bytes]:
        """The HMAC keys, newest first. Without a configured key, one is generated once and
        kept in DATA_DIR/secret_key (mode 600), so links stay valid across restarts."""
        raw: str | None = None
        hint: str | None = None
        if self.secret_key is not None:
            raw = self.secret_key.get_secret_value()
            where = f"{ENV_PREFIX}SECRET_KEY"
        elif self.secret_key_file is not None:
            try:
                raw = _read_secret_file(self.secret_key_file)
            except ValueError as exc:
                raise ConfigError(f"{ENV_PREFIX}SECRET_KEY_FILE: {exc}") from None
            where = f"{ENV_PREFIX}SECRET_KEY_FILE {self.secret_key_file}"
        else:
            raw = _generated_key(self.data_dir)
            # Nobody set a key: name the file that was read, not a variable that is not set.
            path = self.data_dir / "secret_key"
            where = f"{path} (the key generated for reader links; {ENV_PREFIX}SECRET_KEY is unset)"
            hint = (
                "put back the key it held; or delete the file and a new key is generated, but"
                f" links in mail already sent then stop working; or set {ENV_PREFIX}SECRET_KEY"
            )
        keys = [k.strip() for k in raw.replace("\n", ",").split(",") if k.strip()]
        if not keys:
            raise ConfigError(
                f"{where} is empty",
                hint=hint
                or "one or more keys of 16 characters or more, comma-separated, newest first",
            )
        short = [k for k in keys if len(k) < 16]
        if short:
            raise ConfigError(f"{where}: each key must be at least 16 characters long", hint=hint)
        return [k.encode() for k in keys]


def _generated_key(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ConfigError(
            f"{ENV_PREFIX}DATA_DIR: cannot read {path}: {exc.strerror or exc}",
            hint=f"or set {ENV_PREFIX}SECRET_KEY",
        ) from None
    key = secrets.token_urlsafe(32)
    # O_EXCL: two processes starting at once agree on the first key written.
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"{ENV_PREFIX}DATA_DIR: cannot keep a generated secret key in {path}:"
            f" {exc.strerror or exc}",
            hint=f"make the directory writable or set {ENV_PREFIX}SECRET_KEY",
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


# A URL with no user, host nor port ("sqlite:///relative.db", "sqlite:////abs.db?mode=ro"): its
# database is what SQLAlchemy's make_url gives, read without importing SQLAlchemy (~0.1 s of a
# send's start-up, before the helper of newsletter/prebuild.py can be handed the settings).
_NO_HOST_URL = re.compile(r"[\w+]+:///([^?]*)")


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL; None for anything else (in memory, PostgreSQL)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path).expanduser()


def _sqlite_database(url: str) -> str | None:
    """The database of a SQLite URL as SQLAlchemy's make_url reads it; None if it cannot."""
    plain = _NO_HOST_URL.match(url)
    if plain is not None:
        return urllib.parse.unquote(plain.group(1))
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).database or ""
    except Exception:
        return None


def load_settings(**overrides: object) -> Settings:
    """Read the environment (and .env) once. Any problem becomes one ConfigError that names the
    variable, e.g. "NEWSLETTER_SMTP__PORT: Input should be a valid integer (got 'abc')"."""
    secrets_dir = os.environ.get(f"{ENV_PREFIX}SECRETS_DIR")
    if secrets_dir:
        _check_secrets_dir(Path(secrets_dir))
    _check_env_lines(_ENV_FILE)
    try:
        if secrets_dir:
            settings = Settings(_secrets_dir=secrets_dir, **overrides)  # type: ignore[call-arg]
        else:
            settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    except UnicodeDecodeError as exc:
        raise _undecodable(exc, secrets_dir) from None
    except ValueError as exc:  # pydantic-settings' own parse errors (e.g. bad JSON in a nested var)
        raise ConfigError(_describe_parse_error(exc)) from None
    _check_relay_host(settings)
    return settings


def _check_relay_host(settings: Settings) -> None:
    """A blank SMTP__HOST beside other relay settings (a login, a port, a TLS mode) is a relay
    whose host was lost (`NEWSLETTER_SMTP__HOST=` in a script, an unset variable in compose),
    not a wish for the outbox: without this, `send` wrote the issue to the outbox, exited 0 and
    marked the day done. An explicit NEWSLETTER_TRANSPORT=outbox says the outbox is meant.
    Names the settings, never their values (one may be the password)."""
    smtp = settings.smtp
    if smtp.host or settings.transport == "outbox":
        return
    given = []
    for name in ("username", "password", "password_file", "ca_file", "helo_name"):
        value = getattr(smtp, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is not None and str(value).strip():
            given.append(name)
    if "password_file" in given and "password" in given:
        given.remove("password")  # read from the file: one setting, not two
    if smtp.security != "starttls":
        given.append("security")
    # Port 587 alone is the default written out; beside a login it is part of the relay too.
    if smtp.port is not None and (smtp.port != _DEFAULT_PORTS["starttls"] or given):
        given.append("port")
    if not given:
        return
    names = ", ".join(f"{ENV_PREFIX}SMTP__{name.upper()}" for name in sorted(given))
    raise ConfigError(
        f"{ENV_PREFIX}SMTP__HOST is blank but {names} {'is' if len(given) == 1 else 'are'} set:"
        f" set {ENV_PREFIX}SMTP__HOST to the relay (e.g. smtp.example.com), or unset the relay"
        f" settings (or set {ENV_PREFIX}TRANSPORT=outbox) to write mail to the outbox only"
    )


def _check_secrets_dir(path: Path) -> None:
    # pydantic-settings only warns about a missing directory and carries on without the
    # secrets: the operator would find out when the relay refuses a login, if at all.
    name = f"{ENV_PREFIX}SECRETS_DIR"
    if not path.exists():
        raise ConfigError(f"{name}: {path} does not exist")
    if not path.is_dir():
        raise ConfigError(f"{name}: {path} is not a directory")


_ENV_FILE = Path(".env")
_ENV_NAME = re.compile(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)")


def _check_env_lines(path: Path) -> None:
    """A .env line python-dotenv cannot parse (no '=': 'NEWSLETTER_SMTP__HOST smtp.example.com',
    or a quote never closed: 'NEWSLETTER_SMTP__HOST="smtp.example.com') only gets a warning
    from python-dotenv and the setting is dropped: with SMTP__HOST gone, every send would go
    to the outbox and look done. Named here as an error, by file and line, using dotenv's own
    parser so that what is refused is exactly what it would drop."""
    from dotenv.parser import parse_stream

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # missing is fine; undecodable is explained by _undecodable
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise ConfigError(_env_line_error(path, binding.original.line, binding.original.string))


def _env_line_error(path: Path, number: int, original: str) -> str:
    """Only a name, never what follows an '=' (it may be a password), and without an '=' only
    a name this program reads: a bare token may be a password pasted on a line of its own."""
    stripped = original.splitlines()[0].strip() if original.strip() else ""
    where = f"{path.absolute()}:{number}"
    name_part, equals, value = stripped.partition("=")
    match = _ENV_NAME.fullmatch(name_part.strip())
    if not equals:
        first = _ENV_NAME.match(stripped)
        if first and first.group(1).upper() in known_names():
            shown = first.group(1)
            return (
                f"{where}: {shown} has no '=': write it as {shown}=value"
                " (the line is otherwise ignored)"
            )
    if not equals or match is None:
        return (
            f"{where}: the line cannot be read (its content is not shown: it may hold a"
            " password): write each setting as NAME=value, e.g."
            " NEWSLETTER_SMTP__HOST=smtp.example.com (the line is otherwise ignored)"
        )
    shown = match.group(1)
    value = value.strip()
    if value[:1] in ("'", '"') and value.count(value[0]) == 1:
        return (
            f"{where}: {shown}'s value opens a {value[0]} quote that is never closed:"
            f" add the closing one (the setting is otherwise ignored)"
        )
    return (
        f'{where}: {shown}: the value cannot be read (quote it whole, e.g. {shown}="...";'
        " the setting is otherwise ignored)"
    )


# Read by the code or the tests outside the Settings model.
_OTHER_NAMES = frozenset({f"{ENV_PREFIX}SECRETS_DIR", f"{ENV_PREFIX}TEST_DATABASE_URL"})


def known_names() -> frozenset[str]:
    """Every variable a setting reads, upper-case (pydantic-settings matches case-insensitively).
    Derived from the model, so a setting added later is known without a list to keep."""
    names = set(_OTHER_NAMES)
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        # With an alias (NEWSLETTER_FROM) the environment is read under the alias only.
        if isinstance(alias, AliasChoices):
            names.update(str(choice).upper() for choice in alias.choices if str(choice).isupper())
            continue
        if isinstance(alias, str):
            names.add(alias.upper())
            continue
        top = f"{ENV_PREFIX}{field_name.upper()}"
        names.add(top)
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            names.update(f"{top}__{sub.upper()}" for sub in group.model_fields)
    return frozenset(names)


_UTF8_HINT = "save it as UTF-8; from Windows: iconv -f cp949 -t utf-8"


def _undecodable(exc: UnicodeDecodeError, secrets_dir: str | None) -> ConfigError:
    """Which file was not UTF-8: the .env file, else a file in the secrets directory."""
    try:
        _ENV_FILE.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return ConfigError(f"{_ENV_FILE.absolute()}: not UTF-8 text ({_UTF8_HINT})")
    except OSError:
        pass
    if secrets_dir:
        return ConfigError(
            f"{ENV_PREFIX}SECRETS_DIR: a file in {secrets_dir} is not UTF-8 text ({_UTF8_HINT})"
        )
    return ConfigError(f"settings: not UTF-8 text ({exc.reason}; {_UTF8_HINT})")


_PARSE_ERROR = re.compile(
    r'error parsing value for field "(?P<field>\w+)" from source "(?P<source>\w+)"'
)


def _describe_parse_error(exc: ValueError) -> str:
    """pydantic-settings names the field and the source class; the operator needs the variable
    and what was wrong with its value (a nested group given as broken JSON, typically)."""
    match = _PARSE_ERROR.search(str(exc))
    if match is None:
        return f"settings: {exc}"
    name = ENV_PREFIX + match["field"].upper()
    where = " (in .env)" if match["source"].startswith("DotEnv") else ""
    cause = exc.__cause__
    if isinstance(cause, json.JSONDecodeError):
        why = f"not valid JSON ({json_problem(cause, f'character {cause.pos + 1}')})"
    elif cause is not None:
        why = f"cannot parse the value ({cause})"
    else:
        why = "cannot parse the value"
    hint = ""
    if match["field"] in _NESTED_GROUPS:
        hint = f"; give a JSON object or set {name}__<FIELD> variables one by one"
    return f"{name}{where}: {why}{hint}"


_NESTED_GROUPS = ("smtp", "bounce_imap", "dkim")


def _describe(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        loc = [str(p) for p in error["loc"]]
        if loc and loc[0] in ("from", "NEWSLETTER_FROM"):
            loc = ["FROM"]
        name = ENV_PREFIX + "__".join(p.upper() for p in loc)
        message = error["msg"].removeprefix("Value error, ")
        given = error.get("input")
        shown = ""
        secret = any(word in name for word in ("PASSWORD", "KEY", "TOKEN"))
        if isinstance(given, str | int | float) and not secret:
            shown = f" (got {given!r})"
        lines.append(f"{name}: {message}{shown}")
    return "; ".join(lines)
