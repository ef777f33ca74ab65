"""Readers: bytes in, raw documents out.

``read_paths`` walks files and directories, ``read_bytes`` reads one byte string; both yield
:class:`~zholdau.model.RawDocument` objects and, for anything that cannot be read,
:class:`~zholdau.model.Rejection` rows, and never stop on bad input. One module per format:
``txt``, ``jsonl``, ``html``, ``warc``; ``detect`` sniffs formats and text encodings.
"""

from zholdau.readers.paths import count_inputs, read_bytes, read_paths

__all__ = ["count_inputs", "read_bytes", "read_paths"]
