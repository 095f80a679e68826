"""A whole model in one link: the settings that differ from the default, compact and checked.

A link carries only what differs from the shipped default (``weights.poverty.weight = 1.2``),
as compact JSON in URL-safe base64 behind a version prefix, so a link stays short and readable
by the same checks as an uploaded file: a link's settings are validated like an upload, and a
link from another version or with invalid settings gets a clear message, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from model.compare import config_differences
from model.config import ModelConfig, config_from_data, default_config
from model.problems import NO_ITEM, InputError, Problem

LINK_VERSION = "v2"
"""The configuration schema a link's settings belong to (``schema_version`` 2)."""
LINK_NAME = "the link's settings"
MAX_LINK_CHARS = 4000
"""A link longer than this is refused unread: every setting changed fits in far less."""
MAX_UNPACKED_BYTES = 64_000


def settings_link(config: ModelConfig) -> str:
    """The settings of ``config`` that differ from the default, as one URL-safe token; an
    empty string when there are none."""
    changes = {d.setting: d.b for d in config_differences(default_config(), config)}
    if not changes:
        return ""
    text = json.dumps(changes, separators=(",", ":"), sort_keys=True)
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9))
    return f"{LINK_VERSION}.{packed.decode('ascii').rstrip('=')}"


def _refused(message: str) -> InputError:
    return InputError([Problem(LINK_NAME, NO_ITEM, NO_ITEM, message)])


def _nested(changes: dict[str, Any]) -> dict[str, Any]:
    """``{"weights.poverty.weight": 1.2}`` as ``{"weights": {"poverty": {"weight": 1.2}}}``."""
    nested: dict[str, Any] = {}
    for path, value in changes.items():
        parts = path.split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise _refused(f"{path}: conflicts with another setting in the link")
        target[parts[-1]] = value
    return nested


def config_from_link(token: str) -> ModelConfig:
    """The configuration a link describes, checked like an uploaded file; raises
    :class:`InputError` with a plain message when the link cannot be read or is invalid."""
    if not token:
        return default_config()
    if len(token) > MAX_LINK_CHARS:
        raise _refused(
            f"the link's settings are {len(token):,} characters; the limit is {MAX_LINK_CHARS:,}"
        )
    version, _, body = token.partition(".")
    if version != LINK_VERSION:
        raise _refused(
            f"made by another version of the model ({version or 'none'!r}; this one reads "
            f"{LINK_VERSION!r}): the default model is shown instead"
        )
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        # Bounded: a link can never unpack into more than this, whatever it holds.
        inflater = zlib.decompressobj()
        text = inflater.decompress(packed, MAX_UNPACKED_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("too large or cut short")
        changes = json.loads(text)
    except (binascii.Error, zlib.error, ValueError):
        raise _refused("cannot be read (the link is cut short or altered)") from None
    if not isinstance(changes, dict) or not all(isinstance(k, str) for k in changes):
        raise _refused("cannot be read (not a table of settings)")
    return config_from_data(_nested(changes), LINK_NAME)
