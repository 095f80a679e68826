"""The dashboard's pages, read from ``dashboard.navigation``: one list for every test suite.

The AppTest suite opens a page by its file (``at.switch_page("views/persona.py")``), the browser
suite by its URL path (``/persona``; the default page is ``/``) and by its title in the sidebar.
All three come from the ``st.Page`` declarations in :func:`dashboard.navigation.build`, so a page
added, renamed or moved there is seen by both suites at once.

``st.Page`` needs a running script to resolve its file, so the declarations are read by calling
``build()`` with ``st.Page`` replaced by a recorder of its arguments: no Streamlit runtime, no
private Streamlit state. Each page's heading (its ``<h1>``) is its title in the navigation, but
for the two pages named in ``_OWN_HEADINGS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from unittest import mock

from dashboard import navigation


@dataclass(frozen=True)
class Page:
    """One page as the navigation declares it."""

    name: str
    """The page's key in the navigation: its declared ``url_path`` (``map``, ``persona``, …)."""
    file: str
    """Its script, relative to ``dashboard/``, as ``AppTest.switch_page`` takes it."""
    title: str
    """Its title in the sidebar's navigation."""
    default: bool
    """The page ``/`` opens."""

    @property
    def url_path(self) -> str:
        """The path a browser opens it at: ``""`` for the default page, as Streamlit serves it."""
        return "" if self.default else self.name


class _Declared:
    """Stands in for ``st.Page`` while the navigation is read: keeps what it was given."""

    def __init__(
        self,
        page: Any,
        *,
        title: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        **_: Any,
    ) -> None:
        self.page = str(page)
        self.title = title
        self.url_path = url_path
        self.default = default


def _read_navigation() -> tuple[Page, ...]:
    kept = dict(getattr(navigation, "_pages", {}))  # build() also remembers what it made
    try:
        with mock.patch.object(navigation.st, "Page", _Declared):
            declared = navigation.build()
    finally:
        if hasattr(navigation, "_pages"):
            navigation._pages.clear()
            navigation._pages.update(kept)
    pages = []
    for page in declared:
        assert isinstance(page, _Declared), f"navigation.build() made {page!r}, not an st.Page"
        file = page.page.replace("\\", "/")
        stem = file.rsplit("/", 1)[-1].removesuffix(".py")
        # What Streamlit infers from the file when the navigation does not say.
        name = (page.url_path or stem).strip("/")
        title = page.title or stem.replace("_", " ")
        pages.append(Page(name=name, file=file, title=title, default=page.default))
    assert sum(p.default for p in pages) == 1, f"expected one default page, found {pages}"
    return tuple(pages)


PAGES: tuple[Page, ...] = _read_navigation()
"""Every page, in the navigation's order."""

BY_NAME: dict[str, Page] = {page.name: page for page in PAGES}

_OWN_HEADINGS: dict[str, str | None] = {
    "map": "The choice–circumstance–coercion spectrum",
    "persona": None,  # the persona's own label (by default, the first bundled persona's)
}
"""The pages whose ``<h1>`` is not their title in the navigation."""

assert set(_OWN_HEADINGS) <= set(BY_NAME), (
    f"tests/pages.py names pages {sorted(set(_OWN_HEADINGS) - set(BY_NAME))} "
    f"that the navigation ({sorted(BY_NAME)}) does not have"
)

HEADINGS: dict[str, str | None] = {
    page.name: _OWN_HEADINGS.get(page.name, page.title) for page in PAGES
}
"""Each page's ``<h1>``: its navigation title, except where ``_OWN_HEADINGS`` says otherwise."""


def file_of(name: str) -> str:
    """The script of the page called ``name``, for ``AppTest.switch_page``."""
    return BY_NAME[name].file


def browser_pages() -> dict[str, tuple[str, str | None]]:
    """Name → (URL path, heading): the shape the browser suite parametrizes over."""
    return {page.name: (page.url_path, HEADINGS[page.name]) for page in PAGES}
