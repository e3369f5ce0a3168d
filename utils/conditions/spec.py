"""What a condition package declares about itself: its one registration.

A condition (headache, sweating, jaw, ...) is one package under ``utils/conditions/``. Its
``__init__.py`` holds ``SPEC = ConditionSpec(...)`` and nothing heavier, so reading the registry
imports no models, no pandas and no Streamlit. The rest of the package is found by module name
(``part(key, "charts")``): ``models``, ``metrics``, ``evidence``, ``criteria``, ``charts``,
``report``, ``letters``, ``forms``, ``sample``, ``exchange``; a package has the parts it needs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConditionSpec:
    key: str  # stored in profiles, entries and cases: never change it
    label: str  # "Headache / migraine": how the app names the condition
    order: int  # place in menus, documents and the summary JSON
    entry_kinds: tuple[str, ...]  # the kinds of its day entries ("attack", "sweat_day", ...)
    rule_sets: tuple[str, ...] = ()  # content/rules/<name>.yaml: first authorization, renewal
    page: str | None = None  # its diary page ("pages/headache.py")
    page_title: str = ""
    page_icon: str = ""
    package: str = ""  # filled in by the registry: "utils.conditions.headache"

    @property
    def rule_set_pairs(self) -> tuple[tuple[str, ...], ...]:
        """``rule_sets`` read two by two: (first authorization, renewal). A condition may have
        more than one pair, each chosen by the profile's settings (the rule sets' ``only_when``:
        bladder has the overactive and the neurogenic pair)."""
        return tuple(tuple(self.rule_sets[i : i + 2]) for i in range(0, len(self.rule_sets), 2))

    @property
    def short(self) -> str:
        """The first word of the label ("Headache"), for narrow table columns."""
        return self.label.split(" ")[0]
