"""Pydantic models of the crowd's JSON (docs/DESIGN.md §6), for the OpenAPI document."""

from __future__ import annotations

from pydantic import BaseModel

from ..schemas import ErrorOut


class ViewAdded(BaseModel):
    id: str
    permalink: str
    created: str
    delete_token: str | None = None
    duplicate: bool


class ViewOut(BaseModel):
    id: str
    created: str
    permalink: str


class Quantiles(BaseModel):
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float


class CellOut(BaseModel):
    year: int
    n: int
    quantiles: Quantiles


class CrowdCategory(BaseModel):
    id: str
    name: str
    years: list[CellOut]


class CrowdYear(BaseModel):
    year: int
    n: int
    mean_slope: Quantiles
    share_supercritical: float


class MedianView(BaseModel):
    permalink: str


class Suggested(BaseModel):
    name: str
    n: int


class CrowdOut(BaseModel):
    n: int
    updated: str
    min_views: int
    categories: list[CrowdCategory]
    years: list[CrowdYear]
    median_view: MedianView | None
    suggested_categories: list[Suggested]


def error(description: str) -> dict[str, object]:
    return {"model": ErrorOut, "description": description}
