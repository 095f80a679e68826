"""A model shared by link: settings that differ from the default, round-tripped and checked."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given, settings

from model import InputError, ModelConfig, default_config
from model.links import LINK_VERSION, config_from_link, settings_link
from tests.strategies import configs


def token(changes: object, version: str = LINK_VERSION) -> str:
    packed = base64.urlsafe_b64encode(zlib.compress(json.dumps(changes).encode()))
    return f"{version}.{packed.decode().rstrip('=')}"


def test_the_default_model_needs_no_link() -> None:
    assert settings_link(default_config()) == ""
    assert config_from_link("") == default_config()


def test_a_changed_weight_round_trips_in_a_short_link() -> None:
    config = default_config().with_weight("poverty", 1.5)
    link = settings_link(config)
    assert link.startswith(f"{LINK_VERSION}.") and len(link) < 120
    assert config_from_link(link) == config


@settings(max_examples=60, deadline=None)
@given(config=configs())
def test_any_valid_configuration_round_trips_exactly(config: ModelConfig) -> None:
    assert config_from_link(settings_link(config)) == config


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("v1.abc", "another version"),
        ("nonsense", "another version"),
        (f"{LINK_VERSION}.%%%%", "cannot be read"),
        (f"{LINK_VERSION}.{'A' * 5000}", "limit"),
        (token(["weights"]), "not a table"),
    ],
)
def test_a_link_that_cannot_be_read_says_why(link: str, words: str) -> None:
    with pytest.raises(InputError) as refused:
        config_from_link(link)
    (problem,) = refused.value.problems
    assert problem.path == "the link's settings"
    assert words in problem.message


def test_invalid_settings_in_a_link_are_refused_like_an_upload() -> None:
    with pytest.raises(InputError) as refused:
        config_from_link(token({"boundaries.choice_upper": 0.9}))
    assert [p.field for p in refused.value.problems] == ["boundaries"]
    with pytest.raises(InputError) as unknown:
        config_from_link(token({"weights.luck.weight": 1.0}))
    assert "luck" in unknown.value.problems[0].message


def test_a_link_cannot_unpack_into_a_flood() -> None:
    flood = base64.urlsafe_b64encode(zlib.compress(b" " * 2_000_000, 9)).decode().rstrip("=")
    assert len(flood) < 4000, "small enough to pass the length check, so unpacking is tested"
    with pytest.raises(InputError, match="cannot be read"):
        config_from_link(f"{LINK_VERSION}.{flood}")
