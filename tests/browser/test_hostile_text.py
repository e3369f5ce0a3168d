"""Hostile text in every field: every page shows it as typed. No page makes the browser contact
another host (Playwright's request log), and nothing the person typed renders as a link or an
image."""

from __future__ import annotations

import typing
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import wait_ready
from utils import sample
from utils.models import ENTRY_KINDS, parse_entry
from utils.store import Store

pytestmark = pytest.mark.browser

EVIL = "127.0.0.2:9"
HOSTILE = (
    f"![i](http://{EVIL}/i.png) [l](http://{EVIL}/l) <img src=http://{EVIL}/h.png> "
    f"http://{EVIL}/a :red[x] **b**"
)
HOSTILE_NAME = f"![n](http://{EVIL}/n.png) x"

PAGES = [
    ("", "Your case"),
    ("headache", "Headache diary"),
    ("sweating", "Sweating diary"),
    ("jaw", "Jaw diary"),
    ("bladder", "Bladder diary"),
    ("treatments", "Treatments & Botox"),
    ("questionnaires", "Questionnaires"),
    ("trends", "Trends"),
    ("reports", "Reports & letters"),
    ("cases", "Coverage cases"),
    ("guide", "Insurance guide"),
    ("data", "Your data"),
    ("profiles", "Profiles & settings"),
]


def _is_text(annotation) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation is str


def hostile(entry):
    """The entry with hostile text in every free-text field it has (where it stays valid)."""
    cls = type(entry)
    data = entry.model_dump(mode="json")
    for name, info in cls.model_fields.items():
        limit = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), 2000)
        if _is_text(info.annotation):
            data[name] = HOSTILE[: limit or 2000]
        elif typing.get_origin(info.annotation) is list and data.get(name) is not None:
            args = typing.get_args(info.annotation)
            if args and _is_text(args[0]):
                data[name] = [HOSTILE[:120]]
            elif name == "medications":
                data[name] = [dict(m, name=HOSTILE[:120], dose=HOSTILE[:120]) for m in data[name]]
    try:
        return parse_entry(cls.KIND, data)
    except ValueError:
        return entry


def fill(store: Store) -> int:
    p = store.create_profile(HOSTILE_NAME, ["headache", "sweating", "jaw", "bladder"])
    items = []
    for which in ("migraine", "sweating", "jaw", "bladder"):
        items += [(hostile(e), t) for e, t in sample.generate(which, days=60)]
    store.add_many(p.id, [(e, t) for e, t in items if e.KIND != "side_effect"])
    store.update_profile(p.id, settings={"thresholds": {HOSTILE[:40]: 1}})
    assert {e.KIND for e, _ in items} <= set(ENTRY_KINDS)
    return p.id


def test_hostile_text_never_leaves_the_machine_or_becomes_a_link(app_server, page) -> None:
    store = Store(app_server.db_url)
    fill(store)
    from utils import cases
    from utils.models import build

    pid = store.profile_by_name(HOSTILE_NAME).id
    case_fields = {
        k: HOSTILE[:120]
        for k, f in cases.CoverageCase.model_fields.items()
        if _is_text(f.annotation) and k != "insurer"
    }
    case_id = store.add(
        pid,
        build(
            cases.CoverageCase,
            condition="headache",
            insurer=HOSTILE[:120],
            opened=sample.models.now().date(),
            **case_fields,
        ),
    )
    store.add(
        pid,
        build(
            cases.CaseCall,
            case_id=case_id,
            date=sample.models.now().date(),
            said=HOSTILE,
            spoke_with=HOSTILE[:120],
        ),
    )
    requests: list[str] = []
    shown: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path, title in PAGES:
        page.goto(f"{app_server.url}/{path}")
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        wait_ready(page)
        page.wait_for_timeout(500)
        links = page.locator(f"a[href*='{EVIL}'], a[href^='mailto:']")
        if links.count():
            problems.append(f"{title}: user text rendered as {links.count()} links")
        images = page.locator(f"img[src*='{EVIL}']")
        if images.count():
            problems.append(f"{title}: user text rendered as {images.count()} images")
        foreign = [u for u in requests if urlparse(u).hostname not in ("localhost", "127.0.0.1")]
        if foreign:
            problems.append(f"{title}: the browser contacted {sorted(set(foreign))}")
        requests.clear()
        if page.get_by_text(EVIL).count():
            shown.append(title)
        if path in ("cases", "profiles"):
            shot(page, f"hostile-text-{path}")
    assert problems == [], "\n".join(problems)
    # The hostile text is on the pages (as plain text), so the checks above did look at it.
    assert {"Coverage cases", "Profiles & settings"} <= set(shown), shown
