"""Plain-dict forms of results, with the public field names of SPEC section 5."""

from __future__ import annotations

from typing import Any

from .analysis import Analysis, CategoryResult, Forecast
from .catalog import Catalog
from .statejson import state_to_json
from .summary import summary
from .uncertainty import uncertainty_to_dict


def _category(c: CategoryResult) -> dict[str, Any]:
    t = c.trajectory
    return {
        "id": c.id,
        "name": c.name,
        "group": c.group,
        "curve": c.curve.as_dict(),
        "weight": c.weight,
        "band": list(c.band) if c.band else None,
        "points": [
            {
                "year": p.year,
                "position": p.position,
                "uplift": p.uplift,
                "slope": p.slope,
                "relative_slope": p.relative_slope,
                "phase": p.phase,
                "supercritical": p.supercritical,
                "elasticity": p.elasticity,
                "supercritical_loglog": p.supercritical_loglog,
            }
            for p in c.points
        ],
        "trajectory": None
        if t is None
        else {
            "rate": t.rate,
            "rmse": t.rmse,
            "midpoint_year": t.midpoint_year,
            "peak_year": t.peak_year,
            "supercritical_from": t.supercritical_from,
            "supercritical_to": t.supercritical_to,
        },
    }


def _forecast(f: Forecast) -> dict[str, Any]:
    return {
        "t": list(f.t),
        "mean_slope": list(f.mean_slope),
        "total_slope": list(f.total_slope),
        "peak_year": f.peak_year,
        "peak_at_edge": f.peak_at_edge,
        "supercritical_from": f.supercritical_from,
        "supercritical_to": f.supercritical_to,
        "categories": {
            cid: {
                "position": None if cf.position is None else list(cf.position),
                "slope": None if cf.slope is None else list(cf.slope),
                "uplift": None if cf.uplift is None else list(cf.uplift),
                "share": None if cf.share is None else list(cf.share),
            }
            for cid, cf in f.categories.items()
        },
        "mean_uplift": list(f.mean_uplift),
    }


def analysis_to_dict(a: Analysis, catalog: Catalog) -> dict[str, Any]:
    """The ``/api/analyze`` body of an analysis."""
    return {
        "state": state_to_json(a.state, catalog),
        "permalink": a.permalink,
        "categories": [_category(c) for c in a.categories],
        "years": [
            {
                "year": y.year,
                "mean_slope": y.mean_slope,
                "total_slope": y.total_slope,
                "supercritical": y.supercritical,
                "supercritical_count": y.supercritical_count,
                "accelerating_count": y.accelerating_count,
                "mean_uplift": y.mean_uplift,
                "past_midpoint_count": y.past_midpoint_count,
                "loglog_supercritical_count": y.loglog_supercritical_count,
                "newly_supercritical": list(y.newly_supercritical),
            }
            for y in a.years
        ],
        "forecast": _forecast(a.forecast),
        "uncertainty": None
        if a.uncertainty is None
        else uncertainty_to_dict(a.uncertainty, [c.id for c in a.categories]),
        "compare": None if a.compare is None else analysis_to_dict(a.compare, catalog),
        "warnings": list(a.warnings),
        # The page's headline sentence, so it can update live without the
        # browser composing results from numbers.
        "summary": summary(a),
    }
