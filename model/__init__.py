"""The choice–circumstance–coercion spectrum of commercial sex, as a typed model.

From danah boyd's essays on human trafficking and the commercial sexual exploitation of
children. A tool to think, teach and research with; **never** a screening or identification
tool for real people. Built for fictional composites: it refuses what looks like personal data.

>>> from model import default_config, load_personas, assess
>>> personas = load_personas(["personas"]).personas  # from the repository root
>>> [a.zone.value for a in assess(personas, default_config())][:2]
['choice', 'choice']
"""

from model.config import (
    ModelConfig,
    default_config,
    dump_config,
    load_config,
    load_config_bytes,
    parse_config,
    save_config,
)
from model.factors import Direction, Factor, FactorKind, factor_catalogue
from model.framings import FramedView, FramingId, PlacementBasis, frame, frame_all, framings
from model.interventions import Caution, Intervention, Level, response_catalogue
from model.montecarlo import Uncertainty, simulate
from model.personas import (
    WHY_THRESHOLD,
    AgeBand,
    Persona,
    PersonaSet,
    load_persona_bytes,
    load_personas,
    persona_file_schema,
)
from model.problems import InputError, Problem
from model.responses import Layer, ResponsePlan, StartingBasis, plan_for
from model.scoring import (
    Assessment,
    LegalStatus,
    Reach,
    assess,
    assess_one,
    reference_position,
)
from model.sources import Citation
from model.spectrum import ZONES, Boundaries, Region, Zone

__all__ = [
    "WHY_THRESHOLD",
    "ZONES",
    "AgeBand",
    "Assessment",
    "Boundaries",
    "Caution",
    "Citation",
    "Direction",
    "Factor",
    "FactorKind",
    "FramedView",
    "FramingId",
    "InputError",
    "Intervention",
    "Layer",
    "LegalStatus",
    "Level",
    "ModelConfig",
    "Persona",
    "PersonaSet",
    "PlacementBasis",
    "Problem",
    "Reach",
    "Region",
    "ResponsePlan",
    "StartingBasis",
    "Uncertainty",
    "Zone",
    "assess",
    "assess_one",
    "default_config",
    "dump_config",
    "factor_catalogue",
    "frame",
    "frame_all",
    "framings",
    "load_config",
    "load_config_bytes",
    "load_persona_bytes",
    "load_personas",
    "parse_config",
    "persona_file_schema",
    "plan_for",
    "reference_position",
    "response_catalogue",
    "save_config",
    "simulate",
]
