"""The researcher's workbench (issue 10) in process: sensitivity on the persona page, two
configurations side by side, a model shared by link with its "modified" marker, the results
export, and the adjust page's exact values, partial files and undoable reset.

Expected values come from the model (``model.sensitivity``, ``model.compare``,
``model.links``), never from the dashboard's helpers.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import model_link, research
from model import ModelConfig, default_config, dump_config
from model.compare import compare, config_differences
from model.links import settings_link
from model.sensitivity import SensitivityReport, swings
from tests import pages
from tests.dashboard import live
from tests.dashboard.conftest import ADJUST, MAP, PERSONA, open_page, page_texts, unescape

App = Callable[..., AppTest]
COMPARE = pages.file_of("compare")
POVERTY = "cfg:weights.poverty.weight"
EXACT_POVERTY = "exact:" + POVERTY


def _config(at: AppTest) -> ModelConfig:
    current = at.session_state["config"].current
    assert isinstance(current, ModelConfig)
    return current


def _poverty(weight: float) -> ModelConfig:
    changed = default_config().model_copy(deep=True)
    setting = changed.weights["poverty"]
    changed.weights["poverty"] = setting.model_copy(update={"weight": weight}).widened_to(weight)
    return changed


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The page's one table with ``column``."""
    found = [f.value for f in at.main.dataframe if column in f.value.columns]
    assert len(found) == 1, f"{len(found)} tables with {column!r}"
    return found[0]


def report_of(at: AppTest) -> SensitivityReport:
    """The sensitivity the persona page computed last."""
    report = list(at.session_state[research._MEMO].values())[-1]
    assert isinstance(report, SensitivityReport)
    return report


def _texts(at: AppTest) -> str:
    return " ".join(page_texts(at))


# --- 1. sensitivity on the persona page ---------------------------------------------------------


def test_the_persona_page_says_what_drives_the_placement_and_what_would_change_it(
    app: App,
) -> None:
    at = open_page(app(persona="p05-teen-carer"), PERSONA)
    headers = [unescape(h.value) for h in at.main.header]
    assert "Which assumptions drive this placement?" in headers
    plain = [unescape(i.value) for i in at.main.info if "In plain words" in i.value]
    assert len(plain) == 1 and "depends most on the" in plain[0] and "% of the time" in plain[0]
    charts = {c.key for c in at.main.get("plotly_chart")}
    assert {"sobol-chart", "tornado-chart"} <= charts
    sobol = json.loads(
        next(c for c in at.main.get("plotly_chart") if c.key == "sobol-chart").proto.spec
    )
    assert [t["name"] for t in sobol["data"]] == ["Total", "First-order"]
    assert all(t["error_x"]["visible"] for t in sobol["data"]), "confidence intervals shown"
    side = [f.value for f in at.main.dataframe if "Total ± CI" in f.value.columns]
    assert [len(f) for f in side] == [8, len(report_of(at).personas[0].indices)]
    assert report_of(at).base_samples == research.DEFAULT_SAMPLES
    assert len(_frame(at, "Zone changes above")) > 5


def test_the_sample_control_recomputes_with_more_samples(app: App) -> None:
    at = open_page(app(), PERSONA)
    at.main.get("button_group")[0].set_value(1024).run()
    assert not at.exception
    assert report_of(at).base_samples == 1024
    assert "1,024 base samples" in _texts(at)


def test_the_tornado_table_matches_the_models_tipping_points(app: App, repo_root) -> None:
    import model

    bundled = model.load_personas([repo_root / "personas"]).personas
    persona = next(p for p in bundled if p.id == "p05-teen-carer")
    at = open_page(app(persona=persona.id), PERSONA)
    tipping = _frame(at, "Zone changes above")
    expected = swings(persona, default_config())
    assert len(tipping) == len(expected)
    first = expected[0]
    assert tipping.iloc[0]["Position at low"] == f"{first.position_at_low:.3f}"


# --- 2. two configurations side by side ---------------------------------------------------------


def test_compare_lists_zone_changes_settings_and_every_persona(app: App, repo_root) -> None:
    import model

    bundled = model.load_personas([repo_root / "personas"]).personas
    at = open_page(app(), COMPARE)
    assert [s.value for s in at.main.selectbox] == [
        "The default model",
        "Yours (the settings in force)",
    ]
    assert "None: the two configurations are the same." in _texts(at)

    heavy = _poverty(3.5)
    uploader = at.main.get("file_uploader")[0]
    uploader.set_value(("heavy.toml", dump_config(heavy).encode(), "application/toml")).run()
    assert not at.exception
    assert at.main.selectbox[1].value == "heavy.toml", "a new file is put beside the default"
    expected = compare(bundled, default_config(), heavy)
    settings = _frame(at, "Setting")
    assert list(settings["Setting"]) == [d.setting for d in expected.settings]
    table = _frame(at, "Zone differs")
    assert list(table["ID"]) == [p.id for p in expected.personas]
    assert {"Interval A", "Interval B", "Responses gained", "Responses lost"} <= set(table.columns)
    changed = [p.id for p in expected.personas if p.zone_changed]
    assert changed, "a much heavier poverty weight moves someone's zone"
    text = _texts(at)
    for pid in changed:
        assert f"({pid})" in text
    assert "Kept **heavy.toml**" in text and "weights.poverty.weight" in text


def test_compare_accepts_a_partial_file_and_refuses_a_bad_one(app: App) -> None:
    at = open_page(app(), COMPARE)
    uploader = at.main.get("file_uploader")[0]
    uploader.set_value(("part.toml", b"[boundaries]\nchoice_upper = 0.15\n", "text/plain")).run()
    assert not at.exception
    assert "boundaries.choice_upper" in _texts(at)
    uploader = at.main.get("file_uploader")[0]
    uploader.set_value(("bad.toml", b"[boundaries]\nchoice_upper = 'x'\n", "text/plain")).run()
    assert any("bad.toml" in unescape(e.value) for e in at.main.error)
    assert "bad.toml" not in [o for s in at.main.selectbox for o in s.options]


# --- 3. a model shared by link ------------------------------------------------------------------


def test_a_changed_model_goes_into_the_address_and_marks_every_page(app: App) -> None:
    at = open_page(app(), ADJUST)
    assert "model" not in at.query_params
    live.set_weight(at, POVERTY, 1.1)
    token = settings_link(_config(at))
    assert at.query_params["model"] == token
    for page in (MAP, PERSONA, COMPARE, ADJUST):
        open_page(at, page)
        warnings = [unescape(w.value) for w in at.main.warning]
        assert any(model_link.MARKER in w for w in warnings), page
    assert "weights.poverty.weight" in _texts(at)


def test_a_link_opens_the_same_model_in_a_new_session(app: App) -> None:
    shared = _poverty(1.15)
    at = app(model=settings_link(shared))
    assert _config(at) == shared
    assert any(model_link.MARKER in unescape(w.value) for w in at.main.warning)
    assert not at.main.error


def test_an_invalid_link_names_the_problem_and_shows_the_default(app: App) -> None:
    for token, words in (("v1.abc", "another version"), ("v2.@@@@", "cannot be read")):
        at = app(model=token)
        assert _config(at) == default_config()
        errors = [unescape(e.value) for e in at.main.error]
        assert len(errors) == 1 and words in errors[0] and "default model" in errors[0]
        assert not any(model_link.MARKER in unescape(w.value) for w in at.main.warning)


def test_a_link_with_invalid_settings_is_refused_like_a_file(app: App) -> None:
    import base64
    import zlib

    body = json.dumps({"boundaries.choice_upper": 0.99}).encode()
    token = "v2." + base64.urlsafe_b64encode(zlib.compress(body)).decode().rstrip("=")
    at = app(model=token)
    assert _config(at) == default_config()
    assert "could not be used" in unescape(at.main.error[0].value)


# --- 4. results export --------------------------------------------------------------------------


def test_the_pages_offer_the_score_comparison_and_sensitivity_downloads(app: App) -> None:
    at = open_page(app(), COMPARE)
    keys = {b.key for b in at.main.get("download_button")}
    assert {"compare-score-json", "compare-score-csv", "compare-json", "compare-csv"} <= keys
    at = open_page(at, PERSONA)
    keys = {b.key for b in at.main.get("download_button")}
    assert {"sensitivity-download-json", "sensitivity-download-csv"} <= keys


# --- 5. controls a researcher can drive ---------------------------------------------------------


def test_an_exact_value_past_the_range_widens_it_and_the_label_follows(app: App) -> None:
    at = open_page(app(), ADJUST)
    slider = live.control(at, POVERTY)
    low, high = default_config().weights["poverty"].range
    assert (slider["low"], slider["high"]) == (low, high), "the track is the plausible range"
    assert (slider["min"], slider["max"]) == (0.0, 10.0), "the box takes any weight"
    assert f"plausible {low:g}–{high:g}" in slider["label"]
    live.set_weight(at, POVERTY, 3.0)
    assert not at.exception
    assert _config(at).weight("poverty") == 3.0
    slider = live.control(at, POVERTY)
    assert slider["value"] == 3.0 and slider["high"] == 3.0
    assert f"plausible {low:g}–3" in slider["label"], "the label names the widened range"


def test_a_partial_file_is_listed_and_reset_clears_the_uploader_and_can_be_undone(
    app: App,
) -> None:
    at = open_page(app(), ADJUST)
    uploader = at.main.get("file_uploader")[0]
    uploader.set_value(("part.toml", b"[weights.poverty]\nweight = 1.1\n", "text/plain")).run()
    assert not at.exception
    loaded = _config(at)
    assert [d.setting for d in config_differences(default_config(), loaded)] == [
        "weights.poverty.weight"
    ]
    success = " ".join(unescape(s.value) for s in at.main.success)
    assert "part.toml" in success and "weights.poverty.weight" in success
    old_key = at.main.get("file_uploader")[0].key

    reset = next(b for b in at.main.button if b.label == "Reset to default")
    reset.click().run()
    assert _config(at) == default_config()
    assert at.main.get("file_uploader")[0].key != old_key, "a fresh, empty uploader"
    assert not at.main.success
    undo = next(b for b in at.main.button if b.label == "Undo reset")
    undo.click().run()
    assert _config(at) == loaded
    assert live.control(at, POVERTY)["value"] == 1.1
    assert "Undo reset" not in [b.label for b in at.main.button]


def test_the_served_score_documents_read_back() -> None:
    """The score documents the export buttons serve are the command line's: JSON with the seed
    and intervals, and a CSV pandas reads."""
    from dashboard.research import _score_csv, _score_json
    from model import load_personas
    from model.results import Results
    from personas import bundled_path

    with bundled_path() as folder:
        people = load_personas([folder]).personas
    results = Results.of(people, default_config(), samples=200, seed=3)
    frame = pd.read_csv(io.StringIO(_score_csv(results)))
    assert {"id", "position", "zone", "notice"} <= set(frame.columns)
    assert len(frame) == len(people)
    document = json.loads(_score_json(results))
    assert document["monte_carlo"]["seed"] == 3 and document["config"]["source"] == "default"
    assert document["personas"][0]["interval"]["low"] <= document["personas"][0]["position"]


def test_the_served_sensitivity_documents_cover_every_persona() -> None:
    from dashboard.research import _sensitivity_csv, _sensitivity_json
    from model import load_personas
    from personas import bundled_path

    with bundled_path() as folder:
        people = tuple(load_personas([folder]).personas)
    frame = pd.read_csv(io.StringIO(_sensitivity_csv(people[:2], default_config(), 256)))
    assert {"persona_id", "parameter", "total", "total_conf", "notice"} <= set(frame.columns)
    assert set(frame["persona_id"]) == {p.id for p in people[:2]}
    document = json.loads(_sensitivity_json(people[:2], default_config(), 256))
    assert document["base_samples"] == 256 and set(document["swings"]) == {p.id for p in people[:2]}
