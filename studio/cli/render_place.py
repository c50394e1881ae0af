"""Where `studio export` renders: this machine (the default), a Dask cluster
(``--scheduler`` or ``STUDIO_DASK_SCHEDULER``), and a render cache shared with others
(``--cache`` or ``STUDIO_CACHE``)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
from collections.abc import Iterator

from studio.cluster import SCHEDULER_ENV, DaskExecutor, check_address
from studio.errors import ClusterError
from studio.media.shared_cache import CACHE_ENV


def add_render_place(p) -> None:
    """The ``--scheduler`` and ``--cache`` options of a command that renders."""
    p.add_argument("--scheduler", metavar="tcp://HOST:8786", type=_scheduler_address,
                   help=f"render on the Dask cluster of this scheduler (default: "
                   f"${SCHEDULER_ENV}; neither: on this machine)")
    p.add_argument("--cache", metavar="PATH_OR_URL",
                   help=f"a render cache shared with the cluster's workers and other studios: "
                   f"a folder or an fsspec URL (default: ${CACHE_ENV}; neither: the "
                   "course's own cache)")


def _scheduler_address(text: str) -> str:
    try:
        return check_address(text)
    except ClusterError as exc:  # a usage error, before anything starts
        raise argparse.ArgumentTypeError(str(exc)) from None


@contextlib.contextmanager
def render_executor(args) -> Iterator[DaskExecutor | None]:
    """The executor the options ask for, connected (None: the local pool); closed after.
    ClusterError when the scheduler cannot be reached or dask is not installed."""
    address = args.scheduler or os.environ.get(SCHEDULER_ENV) or None
    if address is None:
        yield None
        return
    with DaskExecutor(address) as executor:
        executor.connect()
        _quiet_distributed()
        yield executor


def _quiet_distributed() -> None:
    """distributed (and tornado under it) log their own errors to stderr, each logger with a
    handler of its own; the CLI says what went wrong in one line instead."""
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if name.split(".")[0] in ("distributed", "tornado") and isinstance(logger,
                                                                         logging.Logger):
            logger.handlers.clear()
            logger.addHandler(logging.NullHandler())
            logger.propagate = False


def shared_cache(args) -> str | None:
    """The shared render cache the options name (``--cache`` wins over the environment)."""
    return args.cache or os.environ.get(CACHE_ENV) or None
