"""Getting the bytes of a source: a local file or an http(s) URL.

Every failure becomes a SourceError that names the path or URL and the reason, since the
operator's next step (fix the path, check the server) depends on which one it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from newsletter import __version__
from newsletter.errors import SourceError

log = logging.getLogger(__name__)

# A day's summaries are kilobytes; a feed with full articles, a few megabytes. Anything past
# this is a wrong path or a runaway server, and reading it all would only waste memory.
MAX_SOURCE_BYTES = 10 * 1024 * 1024

USER_AGENT = f"newsletter/{__version__} (morning news digest; +https://example.com/newsletter)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.5,"
    " application/json, application/x-ndjson, application/xml;q=0.9, text/xml;q=0.9,"
    " text/plain;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    location: str  # the path or URL as given, for messages and origins
    name: str  # the part whose extension says the format: a file name or a URL path
    content_type: str | None = None  # the HTTP Content-Type, when there was one


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def read_file(location: str, *, max_bytes: int = MAX_SOURCE_BYTES) -> Fetched:
    path = Path(location).expanduser()
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(f"no such file: {location}") from None
    except IsADirectoryError:
        raise SourceError(f"{location} is a directory, not a file of summaries") from None
    except PermissionError:
        raise SourceError(f"cannot read {location}: permission denied") from None
    except OSError as error:
        raise SourceError(f"cannot read {location}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise SourceError(
            f"{location} is larger than {_megabytes(max_bytes)}; is it the right file?"
        )
    return Fetched(data=data, location=location, name=path.name)


def fetch_url(url: str, *, timeout: float, max_bytes: int = MAX_SOURCE_BYTES) -> Fetched:
    """GET `url` with a timeout and a size cap. Redirects are followed (urllib refuses to
    follow one to a non-http scheme)."""
    # Here, not at the top: a local file is read without them (urllib.request imports
    # http.client, email's parser and ssl: ~4 MB and ~5 ms of a send's start-up).
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    try:
        # urllib parses the URL here, before any connection: "http://[::1/x" fails this early.
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    except ValueError as error:
        raise SourceError(f"{url} is not a valid URL: {error}") from None
    log.debug("fetching %s (timeout %ss)", url, timeout)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(
                    f"{url} is {int(declared)} bytes, more than the {_megabytes(max_bytes)} cap"
                )
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type")
            final_url = response.geturl()
    except urllib.error.HTTPError as error:
        raise SourceError(f"HTTP {error.code} from {url}: {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise SourceError(f"timed out after {timeout:g}s connecting to {url}") from None
        raise SourceError(f"cannot reach {url}: {error.reason}") from None
    except TimeoutError:
        raise SourceError(f"timed out after {timeout:g}s reading {url}") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        # reset connections, truncated bodies, malformed URLs
        raise SourceError(f"cannot fetch {url}: {error}") from None
    if len(data) > max_bytes:
        raise SourceError(f"{url} sent more than {_megabytes(max_bytes)}; is it the right URL?")
    name = urllib.parse.urlsplit(final_url).path.rsplit("/", 1)[-1]
    return Fetched(data=data, location=url, name=name, content_type=content_type)


def _megabytes(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count} bytes"
    return f"{count / (1024 * 1024):g} MB"
