"""What the pages ask of Plotly's bundle, against what the bundle holds.

js/plotly-loader.js declares (``PLOTLY_USES``) every trace type, layout
component, shape, axis type and function the pages use. Plotly draws a
trace of a type its bundle lacks as a scatter trace, with no error, so no
browser test would notice a page asking for one: these tests read the
registrations out of the committed bundle, and every ``type:`` and
``Plotly.`` call out of the pages' scripts. (tests/e2e/test_chart_kinds.py
draws every chart kind in the browser and checks the functions.)
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from app.static import PLOTLY_FILE, STATIC_DIR

JS = STATIC_DIR / "js"
# `type:` values of the pages' scripts that are not Plotly's: HTML's types of
# <button> and <input> (set through the scripts' element helpers).
HTML_TYPES = {"button", "submit", "reset", "checkbox", "radio", "text", "number", "range", "file", "hidden"}
TYPE = re.compile(r'\btype:\s*"([^"]+)"')
CALL = re.compile(r"\bPlotly\.([A-Za-z]+(?:\.[A-Za-z]+)?)\(")


@cache
def uses() -> dict[str, list[str]]:
    """PLOTLY_USES of js/plotly-loader.js, read as JSON."""
    text = (JS / "plotly-loader.js").read_text(encoding="utf-8")
    found = re.search(r"export const PLOTLY_USES = (\{.*?\});", text, re.S)
    assert found, "js/plotly-loader.js must declare `export const PLOTLY_USES = {...};`"
    body = re.sub(r"(\w+):", r'"\1":', found.group(1))
    value: dict[str, list[str]] = json.loads(re.sub(r",(\s*[}\]])", r"\1", body))
    return value


@cache
def registered(kind: str) -> set[str]:
    """The modules of `kind` ("trace", "component") the bundle registers."""
    text = PLOTLY_FILE.read_text(encoding="utf-8")
    return set(re.findall(rf'moduleType:"{kind}",name:"(\w+)"', text))


def undeclared_types(source: str) -> set[str]:
    """`type:` values of a script that are neither HTML's, a MIME type nor declared."""
    declared = {*uses()["traces"], *uses()["shapes"], *uses()["axes"]}
    return {t for t in TYPE.findall(source) if t not in HTML_TYPES and "/" not in t and t not in declared}


def scripts() -> list[str]:
    return sorted(p.name for p in JS.glob("*.js"))


def test_the_declaration_names_what_the_charts_draw() -> None:
    assert uses()["traces"] == ["scatter"]
    assert {"shapes", "annotations"} <= set(uses()["components"])
    assert {"linear", "log", "date"} <= set(uses()["axes"])


def test_the_reading_of_the_bundle_tells_its_trace_types_apart() -> None:
    # The basic bundle registers scatter, bar and pie, and nothing drawn with WebGL.
    assert registered("trace") == {"scatter", "bar", "pie"}
    assert "scattergl" not in registered("trace")


def test_every_declared_trace_type_is_in_the_bundle() -> None:
    assert set(uses()["traces"]) <= registered("trace"), "run bash scripts/build-assets.sh with a bundle that has them"


def test_every_declared_component_is_in_the_bundle() -> None:
    assert set(uses()["components"]) <= registered("component")


def test_every_declared_axis_type_is_one_the_bundle_knows() -> None:
    text = PLOTLY_FILE.read_text(encoding="utf-8")
    axis_types = re.search(r'values:\["-","linear","log","date","category"[^\]]*\]', text)
    assert axis_types is not None
    assert set(uses()["axes"]) <= set(json.loads(axis_types.group(0).removeprefix("values:")))


@pytest.mark.parametrize("name", scripts())
def test_every_type_a_script_gives_plotly_is_declared(name: str) -> None:
    undeclared = undeclared_types((JS / name).read_text(encoding="utf-8"))
    assert undeclared == set(), f"{name} gives Plotly {undeclared}: declare them in PLOTLY_USES (js/plotly-loader.js)"


@pytest.mark.parametrize("name", scripts())
def test_every_plotly_function_a_script_calls_is_declared(name: str) -> None:
    calls = set(CALL.findall((JS / name).read_text(encoding="utf-8")))
    assert calls <= set(uses()["functions"]), f"{name} calls Plotly.{calls - set(uses()['functions'])}: declare them"


@pytest.mark.parametrize("name", scripts())
def test_a_script_with_shapes_or_annotations_has_them_declared(name: str) -> None:
    text = (JS / name).read_text(encoding="utf-8")
    for component in ("shapes", "annotations"):
        if re.search(rf"^\s*{component}[,:]", text, re.M):
            assert component in uses()["components"], f"{name} lays out {component}"


def test_a_script_asking_for_a_trace_type_not_declared_is_caught() -> None:
    figure = 'const data = [{ type: "heatmap", z: [[1]] }, { type: "scatter", mode: "lines" }];'
    assert undeclared_types(figure) == {"heatmap"}
    assert undeclared_types('el("input", { type: "checkbox" }); new Blob([], { type: "text/csv" })') == set()
