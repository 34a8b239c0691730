"""Schemes of addresses a browser or another program opens (``chrome://flags``,
``about:preferences``, ``tel:``), which the blogs showed as links: the build keeps them links,
the import does not report them. Never ``javascript:``, ``data:`` or ``file:``."""

from __future__ import annotations

from urllib.parse import urlsplit

OPENED_BY_PROGRAMS = frozenset(
    {
        "about", "chrome", "edge", "brave", "opera", "vivaldi", "view-source",
        "tel", "sms", "irc", "ircs", "xmpp", "ssh", "git", "sftp", "magnet", "webcal", "feed",
        "news", "nntp", "spotify", "slack", "zoommtg", "vscode", "steam",
    }
)  # fmt: skip


def opened_by_program(address: str) -> bool:
    try:
        scheme = urlsplit(address).scheme
    except ValueError:
        return False
    return scheme.lower() in OPENED_BY_PROGRAMS
