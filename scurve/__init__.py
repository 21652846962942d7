"""scurve: the model behind the S-curve estimator.

Pure computation on numpy, scipy and PyYAML: categories and their curves,
states and their permalinks, the analysis (slopes, phases, aggregates,
trajectory fits and forecast) and the CSV codec.  No web imports.
"""

from .analysis import Analysis, analyze
from .catalog import CATEGORY_IDS, Catalog, Category, load_catalog
from .claims import Claim, filter_claims, load_claims
from .curve import Curve, band, phase, relative_slope, slope, uplift
from .errors import CatalogError, ImportFileError, Problem, ScurveError, StateError, TooLargeError
from .permalink import parse_query, permalink, write_query
from .state import State, default_state
from .statejson import state_from_json, state_to_json

__all__ = [
    "CATEGORY_IDS",
    "Analysis",
    "Catalog",
    "CatalogError",
    "Category",
    "Claim",
    "Curve",
    "ImportFileError",
    "Problem",
    "ScurveError",
    "State",
    "StateError",
    "TooLargeError",
    "analyze",
    "band",
    "default_state",
    "filter_claims",
    "load_catalog",
    "load_claims",
    "parse_query",
    "permalink",
    "phase",
    "relative_slope",
    "slope",
    "state_from_json",
    "state_to_json",
    "uplift",
    "write_query",
]
