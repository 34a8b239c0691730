"""Keep Python's cycle collector away from what every build loads before it starts.

A rebuild begins by loading Sphinx's environment and the catalog of posts: hundreds of thousands of
objects that all live until the build ends. CPython's collector walks every one of them in each
full collection, and once more when the process exits. At 1000 posts that was 0.7 s of a 1.85 s
rebuild with nothing to do. ``gc.freeze`` moves the objects alive at that point out of the
collector's sight; objects made later are collected as usual. Until then the collector is off:
while the environment is unpickled and the catalog gathered, its full passes walked everything
loaded so far again and again (0.3 s of a one-post edit at 1000 posts), to find no garbage.

The same holds for what reading makes: reading in one process, Sphinx keeps every document it
read until it writes it, so the objects alive grow with each document and each full collection
walks them all again (12 full passes, 4.7 s of CPU in a 49 s full build at 1000 posts). Before
each document is read, the collector collects what the last one left as garbage and freezes the
rest; once reading is done (``-j`` too), the same again. Full collections then walk only what the
current document made: the full build took 17% less CPU time, for 13% more peak memory, since
the frozen doctrees that die while the pages are written are given back only when the next build
starts (or the process ends).

While the pages are written, the young generation is collected after 50,000 new objects rather than
Python's 700. Every page's doctree is made (``-j``: unpickled) and resolved there, and each
doctree dies once its page is written: the default thresholds set off a full collection every
few dozen pages. With ``-j`` that work is the main process's, the one every writer waits for:
at 1000 posts its collector took 5 s of its 22 s of CPU. The thresholds are Python's again when
the build finishes.

They stay frozen when the build finishes, since handing them back would make the exit's collection
walk them all. A process that runs another build (tests, ``postarchive build all``) gets them back
at that build's start, and collects whatever of the last build became garbage.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def reclaim_last_build(app: Sphinx, config: Config) -> None:
    """At a build's start, before the environment is loaded: hand back and collect what an
    earlier build in this process froze."""
    global _turned_off
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    _turned_off = gc.isenabled()  # a process that keeps it off itself is left so
    gc.disable()  # until what the build loads is frozen


# Whether this build turned the collector off, to turn it on again: once what the build loaded
# is frozen, or, when the build stops before that, when it finishes or fails.
_turned_off = False


def freeze_what_the_build_loaded(app: Sphinx) -> None:
    """Once the environment is loaded and the catalog gathered."""
    gc.freeze()
    collector_on_again()


def collector_on_again() -> None:
    """The collector back on, if this build turned it off (also after a failed build: the
    command line calls it whatever happened)."""
    global _turned_off
    if _turned_off:
        gc.enable()
        _turned_off = False


def settle(app: Sphinx, docname: str, source: list[str]) -> None:
    """Before a document is read (``source-read``): what the last one left as garbage collected,
    what it keeps (its doctree, its entries in the environment) frozen.

    Not with ``-j``: each reading process is forked for a few documents and keeps no doctree,
    and collecting there would walk (and copy) the pages it shares with the main process."""
    if app.parallel <= 1:
        _collect_and_freeze()


def settle_after_reading(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once every document is read (``env-updated``): the last one settled, and, with ``-j``,
    what the readers sent back; writers forked after this share those pages untouched."""
    _collect_and_freeze()
    return []


def _collect_and_freeze() -> None:
    # Only what is not frozen yet is walked: the objects made since the last freeze.
    gc.collect()
    gc.freeze()


# The young generation's threshold while pages are written (Python's is 700).
WRITING_THRESHOLD = 50_000


def collect_less_while_writing(app: Sphinx, builder: Builder) -> None:
    """At ``write-started``."""
    thresholds = gc.get_threshold()
    build_state(app.env).collector_thresholds = thresholds
    gc.set_threshold(max(WRITING_THRESHOLD, thresholds[0]), *thresholds[1:])


def collect_as_before(app: Sphinx, exception: BaseException | None) -> None:
    """At ``build-finished``: the thresholds the process had before writing, and the collector
    on if the build stopped while it was off."""
    collector_on_again()
    try:
        state = build_state(app.env)
    except RuntimeError:  # the build stopped before it started
        return
    if state.collector_thresholds is not None:
        gc.set_threshold(*state.collector_thresholds)
        state.collector_thresholds = None
