"""Logging for the command line: one concise line per message on stderr;
tracebacks only with ``--verbose`` (the error itself is reported anyway)."""

from __future__ import annotations

import logging
import sys


class _Concise(logging.Formatter):
    def __init__(self, verbose: bool) -> None:
        super().__init__("khaldun: %(name)s: %(message)s")
        self.verbose = verbose

    def formatException(self, ei: object) -> str:
        return super().formatException(ei) if self.verbose else ""  # type: ignore[arg-type]

    def format(self, record: logging.LogRecord) -> str:
        if not self.verbose and record.exc_info:
            exc = record.exc_info[1]
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
            record.msg = f"{record.getMessage()}: {exc}"
            record.args = None
        return super().format(record)


def setup_logging(verbose: bool = False) -> None:
    """Route log records to stderr, concisely unless ``verbose``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Concise(verbose))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
