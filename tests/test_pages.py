"""The HTML pages at the HTTP level: HEAD for link previewers and monitors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/", "/claims", "/about", "/?bug_fixes=0.5,0.6,0.7&title=Mine"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    head = client.head(path)
    get = client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"] == "text/html; charset=utf-8"
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]
