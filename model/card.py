"""The model card's tables, generated from the data files so they can never drift from them.

``model/data/MODEL.md`` (package data, so the installed dashboard's About page reads the same
card through :mod:`importlib.resources`) holds these tables between ``<!-- tables:start -->`` and
``<!-- tables:end -->``; ``python -m model.card`` rewrites that block in place (or in the files
it is given), and a test fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.config import ModelConfig, default_config
from model.factors import factor_catalogue
from model.spectrum import ZONES

START = "<!-- tables:start -->"
END = "<!-- tables:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def factor_table(config: ModelConfig) -> str:
    """Every factor: kind, direction, default weight and plausible range, sources, basis."""
    rows = [
        "| Factor | Kind | Pushes | Default weight | Plausible range | Sources | Why this weight |",
        "|---|---|---|---:|---|---|---|",
    ]
    for factor in factor_catalogue().factors:
        setting = config.weights[factor.id]
        low, high = setting.range
        refs = ", ".join(dict.fromkeys(c.ref for c in factor.sources))
        decisive = " (decisive)" if factor.decisive else ""
        rows.append(
            f"| {_cell(factor.label)} (`{factor.id}`) | {factor.kind.value}{decisive} | "
            f"{factor.direction.value.replace('_', ' ')} | {setting.weight:g} | "
            f"{low:g}–{high:g} | {refs} | {_cell(setting.basis or '')} |"
        )
    return "\n".join(rows)


def parameter_table(config: ModelConfig) -> str:
    """The zone boundaries and the scoring rule's own parameters."""
    scoring = config.scoring
    lack = scoring.capital_lack
    rows = ["| Setting | Default | Basis |", "|---|---|---|"]
    for zone in ZONES[:-1]:
        _, upper = config.boundaries.span(zone)
        rows.append(
            f"| {_cell(zone.label)} ends at | {upper:g} | even fifths: the essays give the order "
            "of the zones, not their widths (L42) |"
        )
    rows += [
        f"| Push from lacking all capital (λ) | {lack.weight:g} (range {lack.range[0]:g}–"
        f"{lack.range[1]:g}) | {_cell(lack.basis or '')} |",
        f"| Share of the axis circumstance can fill (m) | {scoring.circumstance_ceiling:g} | "
        "which band it may reach is set by the strands present, not by m (L42) |",
        f"| Decisive threshold for force or manipulation | {scoring.decisive_threshold:g} | "
        "coercion is being directly or indirectly forced through manipulation or force (L42); "
        "a third party's control is not decisive (L66) |",
        f"| Presence level (opens a band, brings protections) | {scoring.presence:g} | "
        f"{_cell(scoring.basis or '')} |",
    ]
    return "\n".join(rows)


def tables(config: ModelConfig | None = None) -> str:
    config = config or default_config()
    return (
        f"{START}\n"
        "### Factors and weights (from `model/data/factors.toml` and `default_config.toml`)\n\n"
        f"{factor_table(config)}\n\n"
        "### Boundaries and scoring parameters\n\n"
        f"{parameter_table(config)}\n"
        f"{END}"
    )


def update(path: Path) -> bool:
    """Rewrite the tables block in ``path``; True if the file changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    new = text[:start] + tables() + text[end:]
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


CARD = Path(__file__).resolve().parent / "data" / "MODEL.md"
"""The model card in this source tree (the one the README links to)."""


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(CARD)]:
        print(f"{name}: {'updated' if update(Path(name)) else 'already up to date'}")
