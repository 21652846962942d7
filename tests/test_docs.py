"""Docs that cannot drift: every permalink parameter, route, response field,
CSV column and YAML key, as the code defines it, is named in the README or in
a doc the README links to (docs/REFERENCE.md).

Names count only inside `code spans` or code blocks, so prose that happens to
use the word does not hide a missing entry.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.cli import build_parser
from app.main import create_app
from app.routes import api, pages
from app.routes.query_doc import PERMALINK_PARAMS
from scurve import CATEGORY_IDS, Catalog, analyze, default_state, parse_query, state_from_json, write_query
from scurve.csvio import HEADER
from scurve.fields import CUSTOM_IDS
from scurve.permalink import COMPARE_PREFIX

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def linked_docs() -> list[Path]:
    """The README and the local Markdown files it links to."""
    docs = [README]
    for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", README.read_text(encoding="utf-8")):
        path = (ROOT / target).resolve()
        if path.is_file() and path not in docs:
            docs.append(path)
    return docs


def code_text() -> str:
    """Everything inside backticks or fenced code blocks, across the docs."""
    parts: list[str] = []
    for path in linked_docs():
        text = path.read_text(encoding="utf-8")
        fenced = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M)
        parts += fenced
        text = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
        parts += re.findall(r"``(.+?)``|`([^`\n]+)`", text)  # type: ignore[arg-type]
    flat: list[str] = []
    for p in parts:
        flat += [x for x in p if x] if isinstance(p, tuple) else [p]
    return "\n".join(flat)


CODE = code_text()
WORDS = set(re.findall(r"[A-Za-z0-9_./*<>-]+", CODE)) | set(re.findall(r"[A-Za-z0-9_]+", CODE))


def mentioned(name: str) -> bool:
    return name in WORDS


def test_readme_links_the_reference() -> None:
    assert ROOT / "docs" / "REFERENCE.md" in linked_docs()


# -- permalink parameters -------------------------------------------------------------------------


def written_parameters(catalog: Catalog) -> set[str]:
    """Every parameter name a link can carry, from the codec itself: the
    names written for a state with every override set and a comparison."""
    full = state_from_json(
        {
            "curves": {cid: {"midpoint": 0.4} for cid in CATEGORY_IDS},
            "weights": dict.fromkeys(CATEGORY_IDS, 2),
            "title": "t",
            "vs": {
                "curves": {cid: {"midpoint": 0.4} for cid in CATEGORY_IDS},
                "weights": dict.fromkeys(CATEGORY_IDS, 2),
                "title": "t",
            },
        },
        catalog,
    )
    names = {pair.split("=", 1)[0] for pair in write_query(full, catalog).split("&")}
    # every name read back without a warning is a known parameter
    assert parse_query(write_query(full, catalog), catalog).warnings == ()
    return names


def generic(name: str) -> str:
    """`vs.bug_fixes.curve` -> `<id>.curve` and `u7.q` -> `u1.q`, with the prefix removed."""
    name = name.removeprefix(COMPARE_PREFIX)
    for cid in CATEGORY_IDS:
        if name == cid or name.startswith(cid + "."):
            return "<id>" + name[len(cid) :]
    for cid in CUSTOM_IDS:  # documented once, as u1
        if name == cid or name.startswith(cid + "."):
            return "u1" + name[len(cid) :]
    return name


def test_every_permalink_parameter_is_documented(catalog: Catalog) -> None:
    names = written_parameters(catalog) | {p["name"] for p in PERMALINK_PARAMS}
    assert "v" in names and "vs.years" in names and "bug_fixes.curve" in names
    missing = sorted({generic(n) for n in names} - WORDS)
    assert not missing, f"permalink parameters missing from the docs: {missing}"
    assert "vs." in CODE and "vs.<parameter>" in CODE
    for tracking in ("utm_*", "fbclid", "gclid"):
        assert mentioned(tracking), tracking


@pytest.mark.parametrize("cid", CATEGORY_IDS)
def test_every_category_id_is_documented(cid: str) -> None:
    assert mentioned(cid)


# -- routes and response fields -------------------------------------------------------------------


def routes() -> set[str]:
    return {f"{m} {r.path}" for router in (api.router, pages.router) for r in router.routes for m in r.methods}  # type: ignore[attr-defined]


def test_every_route_is_documented() -> None:
    found = routes()
    assert "POST /api/analyze" in found and "GET /about" in found
    missing = sorted(r for r in found if r not in CODE)
    assert not missing, f"routes missing from the docs: {missing}"


def schema_fields(openapi: dict[str, Any]) -> set[str]:
    """Every property name of every schema in the OpenAPI document (response
    models, the state body, the error body), recursively through nesting."""
    out: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                out.update(props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(openapi.get("components", {}))
    return out


def response_keys(obj: Any, skip: frozenset[str] = frozenset()) -> set[str]:
    """Keys of a real JSON answer, not descending into maps keyed by data
    (category ids, years)."""
    out: set[str] = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in CATEGORY_IDS or re.fullmatch(r"\d{4}", key):
                continue
            out.add(key)
            out |= response_keys(value, skip)
    elif isinstance(obj, list):
        for value in obj:
            out |= response_keys(value, skip)
    return out


def test_every_response_field_is_documented(catalog: Catalog) -> None:
    fields = schema_fields(create_app().openapi())
    assert {"supercritical_from", "peak_at_edge", "relative_slope", "loc", "status"} <= fields
    s = state_from_json({"vs": {"title": "x"}}, catalog)
    from scurve.serialize import analysis_to_dict

    fields |= response_keys(analysis_to_dict(analyze(s, catalog), catalog))
    fields |= response_keys(catalog.as_dict())
    missing = sorted(fields - WORDS)
    assert not missing, f"response fields missing from the docs: {missing}"


def test_every_analysis_field_is_documented_with_its_path(catalog: Catalog) -> None:
    # Names shared by several objects (`slope`, `peak_year`) must appear with
    # the object they belong to, e.g. `forecast.peak_year`, `trajectory.peak_year`.
    for qualified in (
        "points[].slope",
        "trajectory.peak_year",
        "forecast.peak_year",
        "trajectory.supercritical_from",
        "forecast.supercritical_from",
        "years[].mean_slope",
        "forecast.mean_slope",
        "forecast.categories",
        "categories[].band",
        "errors[].loc",
    ):
        assert qualified in CODE, qualified


# -- CSV and YAML ---------------------------------------------------------------------------------


def test_every_csv_column_is_documented() -> None:
    missing = [c for c in HEADER if not mentioned(c)]
    assert not missing, f"CSV columns missing from the docs: {missing}"
    assert ",".join(HEADER) in CODE  # the exact header line


def yaml_keys(obj: Any) -> set[str]:
    """Keys of a YAML document, not descending into year-keyed maps."""
    out: set[str] = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(key, int):
                continue
            out.add(str(key))
            out |= yaml_keys(value)
    elif isinstance(obj, list):
        for value in obj:
            out |= yaml_keys(value)
    return out


@pytest.mark.parametrize("name", ["categories.yaml", "appendix_claims.yaml"])
def test_every_yaml_key_is_documented(name: str) -> None:
    keys = yaml_keys(yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8")))
    assert len(keys) >= 8
    missing = sorted(keys - WORDS)
    assert not missing, f"keys of data/{name} missing from the docs: {missing}"
    assert f"data/{name}" in CODE


def commands(parser: argparse.ArgumentParser, path: str = "scurve") -> list[str]:
    """Every leaf command of the `scurve` command line: `scurve db backup`, ..."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [path]
    return [c for name, sub in subs[0].choices.items() for c in commands(sub, f"{path} {name}")]


def test_every_command_is_documented() -> None:
    found = commands(build_parser())
    assert "scurve db backup" in found and "scurve crowd stats" in found
    code = " ".join(CODE.split())
    missing = [c for c in found if c not in code]
    assert not missing, f"commands missing from the README's code: {missing}"


def test_the_check_would_catch_a_missing_name() -> None:
    assert not mentioned("no_such_field_anywhere")
    assert not mentioned("bug_fixes.colour")


def test_default_link_example_reads_back(catalog: Catalog) -> None:
    # The README's example link is a working link.
    text = README.read_text(encoding="utf-8")
    match = re.search(r"scurve analyze '(http://127\.0\.0\.1:8000/\?[^']+)'", text)
    assert match
    link = parse_query(match.group(1).split("?", 1)[1], catalog)
    assert link.problems == () and link.warnings == ()
    assert link.state != default_state(catalog)
