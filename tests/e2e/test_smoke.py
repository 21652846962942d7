from playwright.sync_api import Page, expect

from .conftest import PageGuard


def test_home_page_renders_the_default_summary(page: Page, guard: PageGuard) -> None:
    page.goto("/")
    expect(page.locator("body")).to_contain_text("7 of 10 categories are super-critical in 2026")
