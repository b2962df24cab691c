"""Names for ids, in one requested locale: the one localisation step.

Analyses and diffs carry ids (``troubleshooting``, ``support-engineer@se2``,
``troubleshooting.root-causes``). Before anything is shown, one `Names` made
from the framework and the requested locale turns them into what people
read; every writer of every command uses it, so all outputs show the same
names in the same locale. An id the framework does not know is shown as is.

A command makes its one `Names` from ``--locale`` and passes it down (a
worker process makes one from the locale in its state); a library function
that is given none makes it with `names_for`, the one such default.
"""

from __future__ import annotations

from functools import cached_property

from competency.contract import check_instance, check_optional_str
from competency.framework import Framework, UnknownReferenceError
from competency.text import TextValue, choose_locale, localized

__all__ = ["Names", "names_for"]


class Names:
    """The names of a framework's ids in one locale (its default when none is asked for)."""

    def __init__(self, framework: Framework, locale: str | None = None) -> None:
        check_instance("Names", "framework", framework, Framework)
        check_optional_str("Names", "locale", locale)
        self.framework = framework
        self.default = framework.default_locale
        self.locale = locale or self.default

    def text(self, value: TextValue | None) -> str:
        """Any text of the framework, in this locale."""
        return localized(value, self.locale, self.default)

    def locale_of(self, value: TextValue | None) -> str:
        """The locale `text` shows `value` in (not this locale when it falls back)."""
        return choose_locale(value, self.locale, self.default)

    @cached_property
    def _steps(self) -> dict[str, str]:
        return {step.id: self.text(step.name) for step in self.framework.info.scale}

    def step(self, step_id: str | None) -> str:
        """A scale step's name ('' for none)."""
        if step_id is None:
            return ""
        return self._steps.get(step_id, step_id)

    def steps(self) -> dict[str, str]:
        """Every scale step's name, lowest first."""
        return dict(self._steps)

    def competency(self, competency_id: str) -> str:
        """A competency's name."""
        competency = self.framework.competencies.get(competency_id)
        return self.text(competency.name) if competency is not None else competency_id

    def role(self, role_id: str) -> str:
        """A role's title."""
        role = self.framework.roles.get(role_id)
        return self.text(role.title) if role is not None else role_id

    def level(self, ref: str | None) -> str:
        """A level's title, from ``ROLE@LEVEL`` ('' for none)."""
        if ref is None:
            return ""
        try:
            return self.text(self.framework.level(ref).level.title)
        except UnknownReferenceError:
            return ref

    def behaviour(self, ref: str) -> str:
        """A behaviour's text, from ``OWNER.BEHAVIOUR``."""
        try:
            return self.text(self.framework.behaviour(ref).behaviour.text)
        except UnknownReferenceError:
            return ref


def names_for(
    framework: Framework, locale: str | None = None, *, names: Names | None = None
) -> Names:
    """`names` when the caller has one, else the names of `framework` in `locale`.

    The Python API's convenience: a function called without a `Names` (or
    with a locale only) makes one here; commands pass the one they made.
    """
    check_optional_str("names_for", "locale", locale)
    if names is not None:
        check_instance("names_for", "names", names, Names)
        return names
    return Names(framework, locale)
