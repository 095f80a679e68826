"""The choice–circumstance–coercion spectrum of commercial sex, as a typed model.

From danah boyd's essays on human trafficking and the commercial sexual exploitation of
children. A tool to think, teach and research with; **never** a screening or identification
tool for real people.

>>> from model import default_config, load_personas, assess
>>> personas = load_personas(["personas"]).personas      # doctest: +SKIP
>>> [a.zone.value for a in assess(personas, default_config())][:2]  # doctest: +SKIP
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
from model.framings import FramedView, FramingId, framings, view
from model.interventions import Caution, Intervention, Level, catalogue
from model.montecarlo import Uncertainty, simulate
from model.personas import (
    AgeBand,
    Persona,
    PersonaSet,
    load_persona_bytes,
    load_personas,
    persona_file_schema,
)
from model.problems import InputError, Problem
from model.scoring import Assessment, LegalStatus, assess, assess_one, reference_position
from model.sources import Citation
from model.spectrum import ZONES, Boundaries, Region, Zone

__all__ = [
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
    "LegalStatus",
    "Level",
    "ModelConfig",
    "Persona",
    "PersonaSet",
    "Problem",
    "Region",
    "Uncertainty",
    "Zone",
    "assess",
    "assess_one",
    "catalogue",
    "default_config",
    "dump_config",
    "factor_catalogue",
    "framings",
    "load_config",
    "load_config_bytes",
    "load_persona_bytes",
    "load_personas",
    "parse_config",
    "persona_file_schema",
    "reference_position",
    "save_config",
    "simulate",
    "view",
]
