"""Acquiring news: files, directories, URLs and stdin -> normalised :class:`~khaldun.records.Document`."""

from .decode import MAX_BYTES, InputError
from .sources import Acquired, acquire, acquire_one, build_document

__all__ = ["MAX_BYTES", "Acquired", "InputError", "acquire", "acquire_one", "build_document"]
