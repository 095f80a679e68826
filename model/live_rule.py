"""The scoring rule's positions, exported as plain data for a second implementation to follow.

The dashboard's adjust page redraws its chart in the browser while a weight slider moves, and
the browser computes positions with the rule written out once more, in JavaScript
(``dashboard/components/live_editor/rule.js``). Everything that rule reads comes from here:
the factor columns, the weights, the scoring settings and the zone edges of a configuration,
plus the constants of the reach (:func:`live_rule`). Nothing of the rule is restated here;
it is read from the model (:mod:`model.engine`, :mod:`model.assessment`).

:data:`RULE_VERSION` names the rule the JavaScript implements. Change the rule in the model and
bump it: a browser that knows another version computes nothing and the page waits for the
server's numbers instead, so a drift shows as a slower chart, never as wrong positions. The
browser test ``tests/browser/test_live_editor.py`` holds the JavaScript to
:func:`model.scoring.reference_position` within 1e-9 over generated personas and
configurations.

Positions only: contributions, zones and everything else on the page come from the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from model import engine
from model.assessment import REACH_ORDER
from model.config import ModelConfig
from model.engine import factor_columns, values_matrix, weight_vector
from model.personas import Persona

RULE_VERSION = 2
"""The version of the position rule this export describes (model v2: violence unweighted,
presence level, reach by strands). Any change to how a position is computed bumps it."""


def _span(columns: slice) -> list[int]:
    return [int(columns.start), int(columns.stop)]


def _headroom() -> float | None:
    """The engine's own constant: the compression stops short of the next boundary by it.
    ``None`` if the engine no longer has it (the rule changed: no export, no live chart)."""
    headroom = getattr(engine, "_HEADROOM", None)
    return float(headroom) if isinstance(headroom, int | float) else None


def live_rule(config: ModelConfig) -> dict[str, Any] | None:
    """What a browser needs to place personas under ``config``: JSON-ready data, or ``None``
    when the model's rule can no longer be exported this way (the page then waits for the
    server's numbers).

    - ``factors``: factor ids, in the order of each persona's ``values`` and of ``weights``;
    - ``columns``: ``[start, stop)`` of each kind's run of columns (capital, hardship,
      struggle, control) and the decisive columns;
    - ``weights``: the configuration's weights, in column order;
    - ``capital_lack``, ``ceiling``, ``threshold``, ``presence``: the scoring settings;
    - ``edges``: 0, the four zone boundaries, 1;
    - ``reach_top``: for each reach code (0 neither strand, 1 hardship, 2 both, 3 force or
      manipulation), the order of the highest zone it allows;
    - ``headroom``: the share of the half-zone the compression may fill.
    """
    headroom = _headroom()
    if headroom is None:
        return None
    cols = factor_columns()
    scoring = config.scoring
    return {
        "version": RULE_VERSION,
        "factors": list(cols.ids),
        "columns": {
            "capital": _span(cols.capital),
            "hardship": _span(cols.hardship),
            "struggle": _span(cols.struggle),
            "control": _span(cols.control),
            "decisive": list(cols.decisive),
        },
        "weights": [float(w) for w in weight_vector(config)],
        "capital_lack": float(scoring.capital_lack.weight),
        "ceiling": float(scoring.circumstance_ceiling),
        "threshold": float(scoring.decisive_threshold),
        "presence": float(scoring.presence),
        "edges": [0.0, *map(float, config.boundaries.as_tuple()), 1.0],
        "reach_top": [reach.zone.order for reach in REACH_ORDER],
        "headroom": headroom,
    }


def persona_values(personas: Sequence[Persona]) -> list[list[float]]:
    """Each persona's factor values, in the columns of :func:`live_rule` (``factors``)."""
    return [[float(v) for v in row] for row in values_matrix(personas).tolist()]
