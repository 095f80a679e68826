"""One scoring run's results: a configuration, personas, and everything computed from them.

The model owns its results, so the command line, a notebook and the dashboard read the same
object: assessments at once, Monte Carlo figures and response plans only when first asked for.
The dashboard's session only memoises a :class:`Results`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from model.config import ModelConfig
from model.montecarlo import DEFAULT_LEVEL, DEFAULT_SAMPLES, Uncertainty, simulate
from model.personas import Persona
from model.responses import ResponsePlan, plan_for
from model.scoring import Assessment, assess


@dataclass(frozen=True)
class Results:
    """Personas assessed under one configuration, with their uncertainty and responses."""

    config: ModelConfig
    personas: tuple[Persona, ...]
    samples: int = DEFAULT_SAMPLES
    seed: int = 0
    level: float = DEFAULT_LEVEL

    @classmethod
    def of(
        cls,
        personas: Sequence[Persona],
        config: ModelConfig,
        *,
        samples: int = DEFAULT_SAMPLES,
        seed: int = 0,
        level: float = DEFAULT_LEVEL,
    ) -> Results:
        return cls(config, tuple(personas), samples, seed, level)

    @cached_property
    def assessments(self) -> dict[str, Assessment]:
        """Persona id to assessment, in the personas' order (one vectorized call)."""
        return {a.persona_id: a for a in assess(self.personas, self.config)}

    @cached_property
    def uncertainties(self) -> dict[str, Uncertainty]:
        """The Monte Carlo figures, run when first asked for: a page that moves only positions
        does not pay for a simulation nobody sees."""
        runs = simulate(
            self.personas, self.config, samples=self.samples, seed=self.seed, level=self.level
        )
        return {u.persona_id: u for u in runs}

    @cached_property
    def plans(self) -> dict[str, ResponsePlan]:
        """Persona id to both layers of response."""
        return {pid: plan_for(a) for pid, a in self.assessments.items()}

    @cached_property
    def _by_id(self) -> dict[str, Persona]:
        return {p.id: p for p in self.personas}

    def persona(self, persona_id: str) -> Persona:
        """The persona with this id (KeyError when it is not in these results)."""
        return self._by_id[persona_id]

    def __contains__(self, persona_id: object) -> bool:
        return persona_id in self._by_id
