"""Reading input documents (TOML or JSON) safely: size-capped, text-only, duplicate keys refused.

Uploads in the dashboard and files on the command line pass through the same functions, so a bad
file gets the same one-line error wherever it comes from.
"""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path
from typing import Any

from model.problems import NO_ITEM, InputError, Problem

MAX_FILE_BYTES = 1_000_000
"""Files over 1 MB are refused unread: no persona or config file comes near that size."""

FORMATS = {".toml": "toml", ".json": "json"}
MAX_FIELDS = 60_000
"""Keys and list items in one document: 500 personas of ~60 fields each fit; a flood does not,
and is refused before it is validated field by field."""
_WIDE_TEXT = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _problem(path: str, message: str) -> InputError:
    return InputError([Problem(path, NO_ITEM, NO_ITEM, message)])


def decode(data: bytes, path: str) -> str:
    """Bytes as UTF-8 text, refusing empty, oversized and binary content."""
    if len(data) > MAX_FILE_BYTES:
        raise _problem(path, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if not data.strip():
        raise _problem(path, "file is empty")
    for mark, encoding in _WIDE_TEXT:
        if data.startswith(mark):
            raise _problem(path, f"file is {encoding} text: save it as UTF-8")
    if b"\x00" in data:
        raise _problem(path, "file is binary, not text (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _problem(
            path, f"file is not UTF-8 text (undecodable byte at offset {error.start})"
        ) from None


def read_text(path: Path) -> str:
    """A regular file's text, read no further than the size limit.

    Devices, pipes and sockets are refused before they are opened (reading ``/dev/zero`` never
    ends; opening a FIFO waits for a writer), and the limit holds while reading, whatever the
    file claimed its size was.
    """
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _problem(name, "is not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise _problem(name, f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _problem(name, "no such file") from None
    except IsADirectoryError:
        raise _problem(name, "is a folder, not a file") from None
    except PermissionError:
        raise _problem(name, "cannot be read (permission denied)") from None
    except OSError as error:
        raise _problem(name, f"cannot be read ({error.strerror or error})") from None
    return decode(data, name)


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def format_of(name: str) -> str:
    """``toml`` or ``json`` by file extension; anything else is refused."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise _problem(name, f"unsupported file type {suffix or '(none)'!r}: use .toml or .json")
    return FORMATS[suffix]


def parse_toml(text: str, path: str) -> dict[str, Any]:
    """Parse TOML text, with the one error line every reader of TOML gives."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _problem(path, f"not valid TOML: {error}") from None
    except RecursionError:
        raise _problem(path, "nested too deeply to be a persona or config file") from None
    except ValueError:  # an integer too long to convert
        raise _problem(path, "not valid TOML: a number with too many digits") from None


def parse_document(text: str, path: str) -> dict[str, Any]:
    """Parse TOML or JSON (by extension) into a table; the top level must be a table/object."""
    if format_of(path) == "toml":
        return parse_toml(text, path)
    try:
        data: Any = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise _problem(
            path, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:  # duplicate keys, or a number too long to convert
        text = str(error)
        if "integer string conversion" in text:
            text = "a number with too many digits"
        raise _problem(path, f"not valid JSON: {text}") from None
    except RecursionError:
        raise _problem(path, "nested too deeply to be a persona or config file") from None
    if not isinstance(data, dict):
        raise _problem(path, f"top level must be a table/object, not {type(data).__name__}")
    fields = _count_fields(data)
    if fields > MAX_FIELDS:
        raise _problem(
            path, f"holds {fields:,} fields or more; no persona or config file needs {MAX_FIELDS:,}"
        )
    return data


def _count_fields(data: Any) -> int:
    """Keys and list items in ``data``, counted only up to just past :data:`MAX_FIELDS`."""
    count, stack = 0, [data]
    while stack and count <= MAX_FIELDS:
        node = stack.pop()
        if isinstance(node, dict):
            count += len(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            count += len(node)
            stack.extend(node)
    return count


def read_document(path: Path) -> dict[str, Any]:
    """Read and parse one file, raising :class:`InputError` with a clear problem if it is bad."""
    format_of(str(path))
    return parse_document(read_text(path), str(path))


def load_bytes(data: bytes, name: str) -> dict[str, Any]:
    """Parse an uploaded document (bytes plus its file name) like a file on disk."""
    format_of(name)
    return parse_document(decode(data, name), name)
