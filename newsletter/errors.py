"""One error tree for the whole package.

Every message is written for the operator: what failed, where, and what to check.
The CLI catches ``NewsletterError`` in one place and turns it into one line on stderr and the
family's exit code; anything else is a bug and keeps its traceback.

    NewsletterError                      exit 2 unless a family says otherwise
    ├── ConfigError                      a setting is missing or wrong (names the variable)
    ├── InputError                       bad operator input: a file, an argument, a CSV
    │   ├── SourceError                  the day's summaries cannot be read at all
    │   ├── NothingToSendError           the source was read but has too few summaries
    │   └── SubscriberError              an address or a subscriber row is not acceptable
    ├── TemplateError                    a template is missing or fails to render
    ├── LexiconError                     a classifier lexicon file (newsletter/lexicon/*.tsv) is
    │                                    malformed: names the file and line
    ├── StoreError                       the database cannot be reached or migrated
    │   └── LedgerUnavailableError exit 1  mid-send, outcomes cannot be recorded: sending
    │                                      stopped, some deliveries are still owed
    ├── IssueLockedError      exit 3     another run holds this issue
    ├── AlreadySentError      exit 0     the issue was already sent; nothing to do
    └── TransportError        exit 4     the relay cannot be used at all (refused, bad login, TLS)
        ├── SystemicRefusalError         the relay refuses the message itself, reader after reader
        └── HeaderInjectionError         a header value carries a control character
"""

from __future__ import annotations


def json_problem(error: ValueError, place: str) -> str:
    """A json.JSONDecodeError's message and `place` ("column 10"), "at" said once: some of its
    messages end in "at" ("Unterminated string starting at"), expecting ": line 1 column 10"."""
    message = str(getattr(error, "msg", error))
    return f"{message.removesuffix(' at')} at {place}"


class NewsletterError(Exception):
    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(NewsletterError):
    """A setting is missing or malformed. The message names the environment variable."""


class InputError(NewsletterError):
    """The operator gave something we cannot use: a file, an argument, a row."""


class SourceError(InputError):
    """The day's summaries cannot be loaded: missing, unreadable, empty or not parseable."""


class NothingToSendError(InputError):
    """The source was read but holds fewer summaries than NEWSLETTER_MIN_ITEMS."""


class SubscriberError(InputError):
    """An address or subscriber record is not acceptable."""


class TemplateError(NewsletterError):
    """A template is missing or fails to render (check NEWSLETTER_TEMPLATES_DIR)."""


class LexiconError(NewsletterError):
    """A lexicon file of the classifier has a bad line: unknown region or kind, an empty field,
    a term listed twice. The message names the file and line."""


class StoreError(NewsletterError):
    """The database cannot be opened, reached or migrated (check NEWSLETTER_DATABASE_URL)."""


class LedgerUnavailableError(StoreError):
    """Mid-send, the ledger (database, journal, lock) could not record outcomes for longer
    than the lease: no further message was handed to the relay; the next run resumes."""

    exit_code = 1


class IssueLockedError(NewsletterError):
    """Another run (scheduler or CLI) is sending this issue right now."""

    exit_code = 3


class SchedulerRunningError(NewsletterError):
    """Another `newsletter schedule` is running on this database: two would each fire."""

    exit_code = 3


class AlreadySentError(NewsletterError):
    """Every reader already has this issue; a second send does nothing."""

    exit_code = 0


class TransportError(NewsletterError):
    """The relay cannot be used at all: connection refused, TLS failure, login refused.
    Raised at the start of a run so that one clear error replaces thousands of failures."""

    exit_code = 4


class SystemicRefusalError(TransportError):
    """The same permanent refusal reader after reader, or a refusal of the message itself
    (552 5.3.4 size, 554 5.7.x policy): about us, not the readers, so nobody is bounced."""


class HeaderInjectionError(TransportError):
    """A header value carries CR, LF or another control character."""

    exit_code = 2
