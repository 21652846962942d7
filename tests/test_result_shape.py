"""One result shape: the JSON of an analysis is its dataclasses (scurve.serialize
writes every field under its own name), and the pydantic output models that
document it (app/schemas.py) are held equal to them here, with no unchecked
extra properties."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import Any

import pytest
from pydantic import BaseModel

from app import schemas
from app.main import create_app
from scurve import Catalog, analyze, default_state, state_from_json
from scurve.analysis import Analysis, CategoryResult, Point, YearResult
from scurve.bands import ForecastBand, MilestoneBand, PointBand, Uncertainty, YearBand
from scurve.curve import Curve
from scurve.forecast import CategoryForecast, Forecast, Milestone
from scurve.sensitivity import Sensitivity
from scurve.serialize import analysis_to_dict
from scurve.trajectory import Trajectory

PAIRS: list[tuple[type, type[BaseModel]]] = [
    (Curve, schemas.CurveModel),
    (Point, schemas.PointOut),
    (Trajectory, schemas.TrajectoryOut),
    (CategoryResult, schemas.CategoryResultOut),
    (YearResult, schemas.YearOut),
    (CategoryForecast, schemas.CategoryForecastOut),
    (Milestone, schemas.MilestoneOut),
    (Forecast, schemas.ForecastOut),
    (Sensitivity, schemas.SensitivityOut),
    (PointBand, schemas.PointBandOut),
    (YearBand, schemas.YearBandOut),
    (MilestoneBand, schemas.MilestoneBandOut),
    (ForecastBand, schemas.ForecastBandOut),
    (Uncertainty, schemas.UncertaintyOut),
]


@pytest.mark.parametrize(("result", "model"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_each_output_model_has_exactly_the_fields_of_its_dataclass(result: type, model: type[BaseModel]) -> None:
    assert [f.name for f in dataclasses.fields(result)] == list(model.model_fields)
    assert model.model_config.get("extra") == "forbid"


def test_the_analysis_model_is_the_analysis_plus_its_summary() -> None:
    fields = [f.name for f in dataclasses.fields(Analysis)]
    assert set(schemas.AnalysisOut.model_fields) == set(fields) | {"summary"}
    assert set(schemas.AnalysisCore.model_fields) == set(fields) | {"summary"}


def every_model() -> list[type[BaseModel]]:
    return [
        m
        for m in vars(schemas).values()
        if isinstance(m, type) and issubclass(m, BaseModel) and m not in (BaseModel, schemas.Out, schemas.Strict)
    ]


def test_no_output_model_allows_extra_properties() -> None:
    loose = [m.__name__ for m in every_model() if m.model_config.get("extra") != "forbid"]
    assert not loose
    spec = create_app().openapi()["components"]["schemas"]
    for name in ("AnalysisOut", "ForecastOut", "SensitivityOut", "MilestoneOut", "PointOut"):
        assert spec[name]["additionalProperties"] is False, name


def states(catalog: Catalog) -> list[Any]:
    ranged = state_from_json(
        {
            "ranges": {"bug_fixes": {"2025": [0.35, 0.5]}, "chip_design": {"2026": [0.1, 0.4]}},
            "custom": {"u1": {"name": "Robotics"}},
            "estimates": {"u1": {"2024": 0.1, "2026": 0.3}, "qualitative_research": {}},
            "feedback": 1.5,
            "vs": {"years": [2026], "weights": {"bug_fixes": 0}},
        },
        catalog,
    )
    zero = state_from_json(
        {"estimates": {"chip_design": {"2024": 0.5}}, "weights": {c: 0 for c in catalog.ids if c != "bug_fixes"}},
        catalog,
    )
    return [default_state(catalog), replace(ranged, lag=0.5, milestones=(0.25, 0.5, 0.75)), zero]


def test_real_answers_validate_against_the_models(catalog: Catalog) -> None:
    for state in states(catalog):
        body = analysis_to_dict(analyze(state, catalog), catalog)
        schemas.AnalysisOut.model_validate(body)  # extra="forbid": an unknown key fails here


def test_the_check_would_catch_an_extra_key(catalog: Catalog) -> None:
    body = analysis_to_dict(analyze(default_state(catalog), catalog), catalog)
    body["forecast"]["milestones"][0]["stray"] = 1
    with pytest.raises(ValueError, match="stray"):
        schemas.AnalysisOut.model_validate(body)
