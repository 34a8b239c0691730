"""Hot-linked images brought into the archive, so that it no longer depends on the old hosts.

Two halves, neither tied to a blog engine, for every importer to use:

- :func:`find_remote_images` and :func:`point_images_at` read a post's Markdown (MyST) as the
  import leaves it: Markdown images, inline (``![alt](https://...)``) and by reference
  (``![alt][id]`` with ``[id]: https://...``), ``{figure}`` and ``{image}`` directives, and raw
  HTML ``<img src>``/``srcset``. Code (fenced blocks, inline spans) is left as written, and so
  are links: only what a page shows as an image is an image here.
- :func:`keep_images` does both for all the posts of an import, and says what it could not
  fetch, for the importer to report in its own terms (file and line).
- :class:`ImageFetcher` downloads each address once (httpx: timeouts, retries, a size limit),
  checks that what came is an image by its header and by its first bytes (servers send error
  pages with a 200), stores it under a safe name, and remembers it in a cache file, so a later
  import downloads nothing it already has.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import mimetypes
import os
import re
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import unquote, urlsplit

import httpx
import puremagic

from postarchive import __version__
from postarchive.reading.covers import NamedPicture, rename_pictures
from postarchive.reading.legacy import CodeSpans
from postarchive.reading.slugs import slugify

# -- Where a post shows remote images ------------------------------------------------------------

# http(s) addresses, and protocol-relative ones (//host/x.png, as themes and CDNs wrote them),
# fetched with https. Balanced parentheses are part of an address, as CommonMark allows.
_SCHEME = r"(?:https?:)?//"
_URL = rf"{_SCHEME}(?:[^\s()<>]|\([^\s()<>]*\))+"
_ALT = r"(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
_INLINE_IMAGE = re.compile(
    rf"!\[{_ALT}\]\(\s*(?:<(?P<bracketed>{_SCHEME}[^>\n]+)>|(?P<url>{_URL})){_TITLE}\s*\)", re.I
)
# ![alt][id], ![alt][] and ![alt] (the label is then the alt text).
_REFERENCE_IMAGE = re.compile(rf"!\[(?P<alt>{_ALT})\](?:\[(?P<label>[^\]]*)\])?(?![(:])")
_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?P<label>[^\]]+)\]:[ \t]*(?:\n[ \t]*)?"
    rf"(?:<(?P<bracketed>{_SCHEME}[^>\n]+)>|(?P<url>{_SCHEME}\S+))",
    re.M | re.I,
)
_DIRECTIVE = re.compile(
    rf"^[ \t]*(?:`{{3,}}|:{{3,}})\{{(?:figure|image)\}}[ \t]+(?P<url>{_SCHEME}\S+)[ \t]*$",
    re.M | re.I,
)
_HTML_TAG = re.compile(r"<(?:img|source)\b[^>]*>", re.I)
_HTML_ADDRESS = re.compile(
    r"""\b(?P<name>src|srcset)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""",
    re.I,
)
_SRCSET_URL = re.compile(r"[\s,]*(\S+)")


@dataclass(frozen=True)
class RemoteImage:
    """One place where a text shows an image from an http(s) address."""

    url: str  # the address to fetch (HTML entities decoded, https: before a bare //)
    line: int  # its line in the text, from 1
    start: int  # the span of the address as written, which a local path replaces
    end: int
    html: bool = False  # written inside an HTML attribute: the replacement is escaped
    markdown: bool = False  # a Markdown destination: a path with spaces needs <...>


def find_remote_images(text: str) -> list[RemoteImage]:
    """Every remote image the text shows, outside code, in the order written."""
    code = CodeSpans.of(text)
    found: list[RemoteImage] = []

    def add(url: str, start: int, end: int, *, html: bool = False, markdown: bool = False) -> None:
        if url.startswith("//"):
            url = "https:" + url
        if not code.holds(start):
            line = text.count("\n", 0, start) + 1
            found.append(RemoteImage(url, line, start, end, html, markdown))

    for match in _INLINE_IMAGE.finditer(text):
        group = "bracketed" if match.group("bracketed") else "url"
        if not code.holds(match.start()):
            add(match.group(group), *match.span(group), markdown=True)
    labels = _image_labels(text, code)
    for match in _DEFINITION.finditer(text):
        group = "bracketed" if match.group("bracketed") else "url"
        if _label_key(match.group("label")) in labels and not code.holds(match.start()):
            add(match.group(group), *match.span(group), markdown=True)
    for match in _DIRECTIVE.finditer(text):
        add(match.group("url"), *match.span("url"))
    for tag in _HTML_TAG.finditer(text):
        if code.holds(tag.start()):
            continue
        for attribute in _HTML_ADDRESS.finditer(tag.group(0)):
            group = next(g for g in ("dq", "sq", "bare") if attribute.group(g) is not None)
            offset = tag.start() + attribute.start(group)
            value = attribute.group(group)
            if attribute.group("name").lower() == "src":
                if is_remote(unescape(value)):
                    add(unescape(value), offset, offset + len(value), html=True)
                continue
            for start, end in _srcset_addresses(value):
                if is_remote(unescape(value[start:end])):
                    add(unescape(value[start:end]), offset + start, offset + end, html=True)
    return sorted(found, key=lambda image: image.start)


def point_images_at(text: str, local: Callable[[str], str | None] = lambda url: None) -> str:
    """The text with each remote image whose address ``local`` gives a path for pointed at
    that path (relative to the post); the others, and everything else, kept as written.

    Except one thing: an image without a copy at a protocol-relative address (``//host/x``)
    gets ``https:`` in Markdown and directives, where Sphinx would take it for a file path."""
    pieces, done = [], 0
    for image in find_remote_images(text):
        path = local(image.url)
        if path is None and not image.html and text.startswith("//", image.start):
            path = image.url
        if path is None or image.start < done:
            continue
        if image.html:
            path = escape(path)
        elif image.markdown and re.search(r"[\s()<>]", path):
            path = f"<{path}>" if text[image.start - 1] != "<" else path
        pieces += [text[done : image.start], path]
        done = image.end
    return "".join([*pieces, text[done:]])


def is_remote(url: str) -> bool:
    """Whether ``url`` is an http(s) or protocol-relative (``//host/...``) address."""
    return re.match(_SCHEME, url, re.I) is not None


def _srcset_addresses(value: str) -> Iterator[tuple[int, int]]:
    """The spans of the addresses in a ``srcset`` ("a.jpg 1x, b.jpg 2x"). An address may hold
    commas (image services write ``w_300,h_200``); a comma right after it ends the candidate."""
    position = 0
    while match := _SRCSET_URL.match(value, position):
        start, end = match.span(1)
        if value[start:end].endswith(","):  # no descriptor
            yield start, start + len(value[start:end].rstrip(","))
            position = end
            continue
        yield start, end
        comma = value.find(",", end)  # past the descriptor ("2x", "480w")
        position = len(value) if comma < 0 else comma + 1


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _image_labels(text: str, code: CodeSpans) -> set[str]:
    """The reference labels that images use (``![alt][id]``, ``![alt][]``, ``![alt]``)."""
    labels = set()
    for match in _REFERENCE_IMAGE.finditer(text):
        if not code.holds(match.start()):
            labels.add(_label_key(match.group("label") or match.group("alt")))
    return labels


# -- Fetching ------------------------------------------------------------------------------------

# Content types servers give when they do not know or do not say (raw file hosts send SVG as
# text/plain); for these the first bytes decide. Any other type that is not image/* is refused
# before the body is read: it is an error or login page.
_UNSAID_TYPES = {
    "",
    "application/octet-stream",
    "binary/octet-stream",
    "application/xml",
    "text/xml",
    "text/plain",
}
_RETRIED_STATUSES = {408, 425, 429, 500, 502, 503, 504}
_CACHE_VERSION = 1


@dataclass(frozen=True)
class FetchSettings:
    """How images are downloaded."""

    timeout: float = 15.0  # seconds to connect, and between two pieces of the answer
    total_timeout: float = 120.0  # seconds for one image, however slowly the server sends it
    retries: int = 2  # further tries after a timeout, a lost connection or a 5xx/429 answer
    backoff: float = 1.0  # seconds before the first retry, doubled before each next one
    max_bytes: int = 25_000_000
    # Whether images may come from loopback, private or link-local addresses (a post naming
    # http://169.254.169.254/ would otherwise make the import read a cloud's metadata).
    private_addresses: bool = False
    user_agent: str = f"postarchive/{__version__} (keeping a blog's images in its archive)"


@dataclass(frozen=True)
class Fetched:
    """What became of one address."""

    url: str
    file: Path | None  # the local copy, or None
    failure: str = ""  # why there is none: "404 Not Found", "timed out after 15 s", ...
    downloaded: bool = False  # fetched now, not found in the cache


class _Failure(Exception):
    """An image that cannot be fetched, with the reason shown to the user."""

    def __init__(self, reason: str, *, retry: bool = False, host_down: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.retry, self.host_down = reason, retry, host_down


@dataclass
class ImageFetcher:
    """Downloads images into ``store`` and remembers them in the JSON file ``cache``.

    Use it as a context manager: one HTTP client for every download, the cache written at the
    end. Each address is tried once per run; a host that cannot be reached is not tried again
    in the same run. With ``offline``, nothing is downloaded or written: only copies the cache
    knows are given.
    """

    store: Path
    cache: Path
    settings: FetchSettings = field(default_factory=FetchSettings)
    offline: bool = False
    _known: dict[str, dict[str, str]] = field(default_factory=dict, init=False)
    _results: dict[str, Fetched] = field(default_factory=dict, init=False)
    _hosts_down: set[str] = field(default_factory=set, init=False)
    _client: httpx.Client | None = field(default=None, init=False)

    def __enter__(self) -> Self:
        self._known = _read_cache(self.cache)
        if not self.offline:
            self._client = httpx.Client(
                follow_redirects=True,
                timeout=self.settings.timeout,
                headers={"User-Agent": self.settings.user_agent, "Accept": "image/*,*/*;q=0.5"},
                # Run before every request, each redirect's too.
                event_hooks={"request": [] if self.settings.private_addresses else [_only_public]},
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            self._client.close()
        if not self.offline and any(r.downloaded for r in self._results.values()):
            self._write_cache()

    def tried(self, url: str) -> bool:
        """Whether ``url`` was fetched (or looked for) already in this run."""
        return url in self._results

    def fetch(self, url: str) -> Fetched:
        """The local copy of the image at ``url``: from the cache, or downloaded now."""
        if url not in self._results:
            self._results[url] = self._fetch(url)
        return self._results[url]

    def _fetch(self, url: str) -> Fetched:
        known = self._known.get(url)
        if known and self._holds(known["file"]):
            return Fetched(url, self.store / known["file"])
        if self.offline or self._client is None:
            return Fetched(url, None, "not downloaded")
        host = urlsplit(url).hostname or ""
        if host in self._hosts_down:
            return Fetched(url, None, f"not tried: {host} could not be reached earlier")
        try:
            data, mime = self._download(url, self._client)
        except _Failure as failure:
            if failure.host_down:
                self._hosts_down.add(host)
            return Fetched(url, None, failure.reason)
        return Fetched(url, self._keep(url, data, mime), downloaded=True)

    def _download(self, url: str, client: httpx.Client) -> tuple[bytes, str]:
        settings = self.settings
        deadline = time.monotonic() + settings.total_timeout
        for attempt in range(settings.retries + 1):
            if attempt:
                time.sleep(settings.backoff * 2 ** (attempt - 1))
            try:
                data, said = self._read(url, client, deadline)
            except _Failure as failure:
                if failure.retry and attempt < settings.retries:
                    continue
                raise
            return data, _image_type(data, said)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read(self, url: str, client: httpx.Client, deadline: float) -> tuple[bytes, str]:
        """One attempt: the body and the content type the server gave."""
        limit = self.settings.max_bytes
        try:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    # The standard wording: servers write it in any case ("NOT FOUND").
                    phrase = httpx.codes.get_reason_phrase(response.status_code)
                    reason = f"{response.status_code} {phrase or response.reason_phrase}".strip()
                    raise _Failure(reason, retry=response.status_code in _RETRIED_STATUSES)
                said = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if not said.startswith("image/") and said not in _UNSAID_TYPES:
                    raise _Failure(f"not an image (the server sent {said})")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise _Failure(f"too big ({_size(int(length))}; the limit is {_size(limit)})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _Failure(f"too big (more than the limit of {_size(limit)})")
                    if time.monotonic() > deadline:
                        raise _Failure(
                            f"took longer than {self.settings.total_timeout:g} s", retry=False
                        )
                    chunks.append(chunk)
                return b"".join(chunks), said
        except httpx.TooManyRedirects:
            raise _Failure("too many redirects") from None
        except httpx.ConnectTimeout:
            reason = f"no connection within {self.settings.timeout:g} s"
            raise _Failure(reason, retry=True, host_down=True) from None
        except httpx.TimeoutException:
            raise _Failure(f"timed out after {self.settings.timeout:g} s", retry=True) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL):
            raise _Failure("not an http(s) address (after redirects)") from None
        except httpx.ConnectError as error:
            raise _Failure(f"no connection: {error}", retry=True, host_down=True) from None
        except httpx.TransportError as error:
            raise _Failure(f"connection failed ({error})", retry=True) from None

    def _keep(self, url: str, data: bytes, mime: str) -> Path:
        """Store ``data`` (or find it already stored under another address) and remember it."""
        digest = _digest(data)
        same = next(
            (
                entry["file"]
                for entry in self._known.values()
                if entry["sha256"] == digest and self._holds(entry["file"])
            ),
            None,
        )
        name = same or _file_name(url, mime)
        path = (self.store / name).resolve()
        if not path.is_relative_to(self.store.resolve()):
            raise AssertionError(f"{name} would be written outside {self.store}")
        if path.is_file():  # a copy from an import whose cache was lost, or the user's: kept
            digest = _digest(path.read_bytes())
        elif same is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as part:
                part.write(data)
            os.replace(part.name, path)
        self._known[url] = {"file": name, "sha256": digest, "type": mime}
        return self.store / name

    def _holds(self, name: str) -> bool:
        """Whether the store has the file ``name`` (a cache edited by hand may name any)."""
        path = (self.store / name).resolve()
        return path.is_relative_to(self.store.resolve()) and path.is_file()

    def _write_cache(self) -> None:
        self.cache.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"version": _CACHE_VERSION, "images": self._known}, indent=1, sort_keys=True
        )
        self.cache.write_text(text + "\n", encoding="utf-8")


def _only_public(request: httpx.Request) -> None:
    """Refuse a request to a host whose addresses are not all public (loopback, private,
    link-local, reserved), as the host name resolves now."""
    host = request.url.host
    try:
        found = _resolve(host, request.url.port or 443)
    except (OSError, UnicodeError):
        return  # not resolved: the connection fails and says so
    for address in found:
        ip = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global:
            raise _Failure(
                f"{host} is at a non-public address ({ip}); refused "
                "(--allow-private-addresses downloads it)"
            )


def _resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` has now."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def _read_cache(path: Path) -> dict[str, dict[str, str]]:
    try:
        images = json.loads(path.read_text(encoding="utf-8")).get("images", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return {
        url: entry
        for url, entry in images.items()
        if isinstance(entry, dict)
        and isinstance(entry.get("file"), str)
        and isinstance(entry.get("sha256"), str)
    }


def _image_type(data: bytes, said: str) -> str:
    """The image type of ``data``, from its first bytes (what the server said, if possible):
    one of the types they may be must be an image, and an HTML page that holds an image (an
    inline SVG icon) is a page. AVIF files may also be MP4 videos; SVG files also XML."""
    try:
        found = [m.mime_type for m in puremagic.magic_string(data) if m.mime_type]
    except (puremagic.PureError, ValueError):
        found = []
    images = [mime for mime in found if mime.startswith("image/")]
    if said == "image/svg+xml" and "application/xml" in found:
        return said  # an SVG whose end the sniffer does not know (<svg/>): XML, as said
    if not images or (found[0] == "text/html" and said not in images):
        seen = found[0] if found else "not a known file type"
        said_it = f"the server said {said}, " if said else ""
        raise _Failure(f"not an image ({said_it}the file is {seen})")
    return said if said in images else images[0]


def _file_name(url: str, mime: str) -> str:
    """``<host>/<name>-<hash>.<ext>``: readable, safe as a path, and one per address."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rpartition("/")[2])
    stem, _dot, suffix = last.rpartition(".") if "." in last else (last, "", "")
    suffix = "." + suffix.lower()
    if suffix not in _extensions(mime):
        suffix = _extension(mime)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    name = slugify(stem)[:50] if stem else "image"
    return f"{slugify(parts.hostname or 'host')}/{name}-{digest}{suffix}"


def _extensions(mime: str) -> set[str]:
    return set(mimetypes.guess_all_extensions(mime))


def _extension(mime: str) -> str:
    return mimetypes.guess_extension(mime) or "." + slugify(mime.rpartition("/")[2])[:8]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n} bytes"


# -- Many posts at once --------------------------------------------------------------------------


@dataclass(frozen=True)
class NotFetched:
    """An image a post shows that could not be fetched; the post keeps its address."""

    post: int  # the post's index in the texts given
    image: RemoteImage  # where the post first shows it, in the text given
    failure: str


@dataclass
class KeptImages:
    texts: list[str]  # the posts' texts, pointed at the copies
    counts: Counter[str]  # each address once: downloaded, already in the archive, not fetched
    not_fetched: list[NotFetched]  # once per post and address


def keep_images(
    texts: Sequence[str],
    targets: Sequence[str],
    fetcher: ImageFetcher,
    archive: Path,
    *,
    own_copy: Callable[[int, str], str | None] = lambda post, url: None,
    progress: Callable[[str, int], None] = lambda description, total: None,
    step: Callable[[], None] = lambda: None,
) -> KeptImages:
    """The remote images of every post fetched (each address once) and the posts pointed at
    the copies. ``targets``: each post's file in the archive (``posts/2016/x.md``), which the
    paths written are relative to. ``own_copy(post, url)``: the path to write for an image the
    importer has itself (the old site's own files), or None to fetch it."""
    found = [find_remote_images(text) for text in texts]
    own = [
        {image.url: path for image in images if (path := own_copy(n, image.url)) is not None}
        for n, images in enumerate(found)
    ]
    wanted = dict.fromkeys(
        image.url
        for images, copies in zip(found, own, strict=True)
        for image in images
        if image.url not in copies
    )
    progress("downloading images", len(wanted))
    fetched: dict[str, Fetched] = {}
    for url in wanted:
        fetched[url] = fetcher.fetch(url)
        step()
    missing = "to download" if fetcher.offline else "not fetched"
    counts = Counter(
        missing
        if done.file is None
        else "downloaded"
        if done.downloaded
        else "already in the archive"
        for done in fetched.values()
    )

    kept = KeptImages([], counts, [])
    for n, (text, images, paths) in enumerate(zip(texts, found, own, strict=True)):
        folder = (archive / targets[n]).parent
        reported = set()
        for image in images:
            done = fetched.get(image.url)  # None: the importer's own copy
            if done is not None and done.file is not None:
                paths[image.url] = Path(os.path.relpath(done.file, folder)).as_posix()
            elif done is not None and not fetcher.offline and image.url not in reported:
                reported.add(image.url)  # where the post first shows it
                kept.not_fetched.append(NotFetched(n, image, done.failure))
        kept.texts.append(point_images_at(text, paths.get))
    return kept


# -- Pictures named in front matter --------------------------------------------------------------


@dataclass(frozen=True)
class FieldPicture:
    """What became of one remote picture a post's front matter names."""

    field: str  # "image", "cover.image", "images"
    fetched: Fetched
    new: bool  # not already fetched for a post's text in this run (counted once)


def keep_field_pictures(
    fields: dict[str, Any], folder: Path, fetcher: ImageFetcher
) -> list[FieldPicture]:
    """The remote pictures of ``fields`` (each field of ``reading/covers.py``: ``image:
    https://...``, ``cover.image``, each of ``images``) downloaded, and the fields pointed at
    the copies, relative to ``folder`` (the post's); a picture that cannot be fetched keeps its
    address."""
    outcomes: list[FieldPicture] = []

    def local(picture: NamedPicture) -> str | None:
        if not is_remote(picture.written):
            return None
        url = picture.written
        url = "https:" + url if url.startswith("//") else url
        new = not fetcher.tried(url)
        done = fetcher.fetch(url)
        outcomes.append(FieldPicture(picture.field.name, done, new))
        if done.file is None:
            return None
        return Path(os.path.relpath(done.file, folder)).as_posix()

    rename_pictures(fields, local)
    return outcomes


def picture_counts(pictures: Sequence[FieldPicture], offline: bool) -> Counter[str]:
    """What :func:`keep_field_pictures` did, in the words :func:`keep_images` counts with,
    each address once."""
    missing = "to download" if offline else "not fetched"
    return Counter(
        missing
        if p.fetched.file is None
        else "downloaded"
        if p.fetched.downloaded
        else "already in the archive"
        for p in pictures
        if p.new
    )
