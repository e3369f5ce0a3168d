"""The insurance guide as data: Markdown pages in ``content/guide`` and the code tables.

Each guide page starts with a YAML front matter (title, section, order, links to app pages,
codes to show, sources with their last-checked dates), then plain Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from utils import catalog

GUIDE_DIR = catalog.CONTENT_DIR / "guide"
SECTIONS = ("Overview", "Conditions", "Steps", "After the injection")
NOT_ADVICE = (
    "This guide explains the usual insurance process in plain words. It is **not medical or "
    "legal advice**, and plans differ and change every year: **your insurer's own documents "
    "and letters win** over anything written here. Ask your doctor about treatment and your "
    "plan about coverage."
)


@dataclass(frozen=True)
class Source:
    source: str
    last_checked: str


@dataclass(frozen=True)
class Link:
    page: str
    label: str
    icon: str | None = None
    condition: str | None = None  # the page is only in the menu of profiles tracking this


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str
    section: str
    order: int
    body: str
    sources: tuple[Source, ...]
    links: tuple[Link, ...] = ()
    codes: tuple[str, ...] = field(default_factory=tuple)


class GuideError(ValueError):
    pass


def parse_page(slug: str, text: str) -> GuidePage:
    if not text.startswith("---\n"):
        raise GuideError(f"{slug}: the page must start with a '---' front matter")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise GuideError(f"{slug}: the front matter has no closing '---'")
    meta: dict[str, Any] = yaml.safe_load(head) or {}
    for key in ("title", "section", "order", "sources"):
        if key not in meta:
            raise GuideError(f"{slug}: the front matter needs '{key}'")
    if meta["section"] not in SECTIONS:
        raise GuideError(f"{slug}: unknown section '{meta['section']}'")
    sources = tuple(Source(s["source"], _date_text(s["last_checked"])) for s in meta["sources"])
    if not sources:
        raise GuideError(f"{slug}: give at least one source")
    links = tuple(
        Link(x["page"], x["label"], x.get("icon"), x.get("condition"))
        for x in meta.get("links") or []
    )
    codes_raw = meta.get("codes") or ""
    codes = tuple(c.strip() for c in str(codes_raw).split(",") if c.strip())
    return GuidePage(
        slug=slug,
        title=str(meta["title"]),
        section=str(meta["section"]),
        order=int(meta["order"]),
        body=body.strip(),
        sources=sources,
        links=links,
        codes=codes,
    )


def _date_text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


@lru_cache(maxsize=1)
def pages(folder: Path = GUIDE_DIR) -> tuple[GuidePage, ...]:
    """Every guide page, in reading order."""
    found = [parse_page(p.stem, p.read_text(encoding="utf-8")) for p in folder.glob("*.md")]
    return tuple(sorted(found, key=lambda g: (SECTIONS.index(g.section), g.order)))


def code_table() -> dict[str, Any]:
    return catalog.load_yaml("codes.yaml")


def codes_for(condition: str) -> list[dict[str, Any]]:
    """Rows of the code table for a condition ('all' for every row), as display dicts."""
    data = code_table()
    rows = data["codes"]
    if condition != "all":
        rows = [r for r in rows if r["condition"] in (condition, "any")]
    return [
        {
            "Code": r["code"],
            "System": r["system"],
            "What it stands for (our words)": r["description"],
            "Source": r["source"],
            "Last checked": _date_text(r["last_checked"]),
        }
        for r in rows
    ]


def code_conditions() -> dict[str, str]:
    return dict(code_table()["conditions"])
