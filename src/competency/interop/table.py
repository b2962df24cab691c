"""The long table: a whole framework as rows, one per text (in each locale) or value.

Every row names where its value belongs with the location columns (role,
level, grade, competency, step, behaviour) and what it is with ``field``.
Behaviour rows (``field`` is ``behaviour``) carry the behaviour's text, what it
replaces and its locale, so filtering on that field gives the flat table of
behaviours BI tools load; the other rows carry everything else a framework
holds (names, titles, the scale, notes, examples, the paths), so that
`competency.interop.importer` can rebuild the framework exactly from the
table. The row kinds are listed in docs/interop.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from competency.framework import Framework
from competency.model import (
    Behaviour,
    Competency,
    FrameworkInfo,
    Move,
    Role,
    Text,
)

__all__ = ["COLUMNS", "LOCATION", "Row", "long_table", "texts"]

#: The columns of the long table, in order.
COLUMNS = (
    "role",
    "level",
    "grade",
    "competency",
    "step",
    "behaviour",
    "text",
    "replaces",
    "locale",
    "field",
)
#: The columns that say where a row's value belongs.
LOCATION = ("role", "level", "grade", "competency", "step", "behaviour")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the long table; empty strings for the columns it leaves blank."""

    field: str
    text: str
    role: str = ""
    level: str = ""
    grade: str = ""
    competency: str = ""
    step: str = ""
    behaviour: str = ""
    replaces: str = ""
    locale: str = ""

    def cells(self) -> tuple[str, ...]:
        """The row's values in the order of `COLUMNS`."""
        return tuple(getattr(self, column) for column in COLUMNS)


def texts(text: Text | None, default: str) -> list[tuple[str, str]]:
    """(locale, string) for each locale of a text; a plain string is in `default`."""
    if text is None:
        return []
    if isinstance(text, str):
        return [(default, text)]
    return list(text.items())


def long_table(framework: Framework) -> list[Row]:
    """Every row of the long table for `framework`, in the order of its files."""
    default = framework.default_locale
    rows = list(_framework_rows(framework.info, default))
    for competency in framework.competencies.values():
        rows.extend(_competency_rows(competency, default))
    for role in framework.roles.values():
        rows.extend(_role_rows(role, default))
    rows.extend(_move_rows(framework.moves, default))
    return rows


def _text_rows(field: str, text: Text | None, default: str, **where: str) -> Iterator[Row]:
    for locale, value in texts(text, default):
        yield Row(field, value, locale=locale, **where)


def _list_rows(field: str, values: list[Text], default: str, **where: str) -> Iterator[Row]:
    for index, value in enumerate(values):
        yield from _text_rows(f"{field}.{index}", value, default, **where)


def _framework_rows(info: FrameworkInfo, default: str) -> Iterator[Row]:
    yield Row("id", info.id)
    yield from _text_rows("title", info.title, default)
    yield Row("version", info.version)
    yield from _text_rows("summary", info.summary, default)
    yield Row("default_locale", info.default_locale)
    yield from (Row("locales", locale) for locale in info.locales)
    yield Row("cumulative", _boolean(info.cumulative))
    for step in info.scale:
        yield from _text_rows("name", step.name, default, step=step.id)
        yield from _text_rows("meaning", step.meaning, default, step=step.id)
    for category in info.categories:
        yield from _text_rows(f"categories.{category.id}.name", category.name, default)
        yield from _text_rows(f"categories.{category.id}.summary", category.summary, default)
    for track in info.tracks:
        yield from _text_rows(f"tracks.{track.id}.name", track.name, default)
    for grade in info.grades:
        yield from _text_rows("name", grade.name, default, grade=grade.id)
    for external in info.externals:
        yield from _text_rows(f"externals.{external.id}.name", external.name, default)
    for family in info.families:
        yield from _text_rows(f"families.{family.id}.name", family.name, default)
    readiness = info.readiness
    yield Row("readiness.max_age_months", str(readiness.max_age_months))
    yield Row("readiness.min_items", str(readiness.min_items))
    yield Row("readiness.min_sources", str(readiness.min_sources))
    yield from (Row("readiness.sources", source) for source in readiness.sources)
    met = readiness.competency_met
    if isinstance(met, str):
        yield Row("readiness.competency_met", met)
    else:
        yield Row("readiness.competency_met.at_least", repr(met.at_least))
    yield Row("readiness.almost_within", str(readiness.almost_within))
    yield Row("readiness.carry_confirmed", _boolean(readiness.carry_confirmed))


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _competency_rows(competency: Competency, default: str) -> Iterator[Row]:
    at = {"competency": competency.id}
    yield from _text_rows("name", competency.name, default, **at)
    yield Row("category", competency.category, **at)
    yield from _text_rows("summary", competency.summary, default, **at)
    if competency.hiring is not None:
        hiring = competency.hiring
        yield from _list_rows("hiring.questions", hiring.questions, default, **at)
        yield from _list_rows("hiring.signals", hiring.signals, default, **at)
        yield from _list_rows("hiring.red_flags", hiring.red_flags, default, **at)
    for index, reference in enumerate(competency.references):
        yield Row(f"references.{index}.scheme", reference.scheme, **at)
        yield Row(f"references.{index}.code", reference.code, **at)
        if reference.url is not None:
            yield Row(f"references.{index}.url", reference.url, **at)
    for step_id, step in competency.steps.items():
        yield from _text_rows("summary", step.summary, default, step=step_id, **at)
        for index, resource in enumerate(step.resources):
            where = {"step": step_id, **at}
            yield from _text_rows(f"resources.{index}.title", resource.title, default, **where)
            yield Row(f"resources.{index}.kind", resource.kind, **where)
            if resource.url is not None:
                yield Row(f"resources.{index}.url", resource.url, **where)
        for behaviour in step.behaviours:
            ref = f"{competency.id}.{behaviour.id}"
            yield from _behaviour_rows(behaviour, ref, default, step=step_id, **at)


def _behaviour_rows(behaviour: Behaviour, ref: str, default: str, **where: str) -> Iterator[Row]:
    replaces = ", ".join(behaviour.replaces)
    for locale, value in texts(behaviour.text, default):
        yield Row("behaviour", value, behaviour=ref, replaces=replaces, locale=locale, **where)
    yield from _list_rows("examples", behaviour.examples, default, behaviour=ref, **where)


def _role_rows(role: Role, default: str) -> Iterator[Row]:
    at = {"role": role.id}
    yield from _text_rows("title", role.title, default, **at)
    yield Row("track", role.track, **at)
    if role.family is not None:
        yield Row("family", role.family, **at)
    yield from _text_rows("summary", role.summary, default, **at)
    yield from _text_rows("why", role.why, default, **at)
    for level in role.levels:
        where = {"role": role.id, "level": level.id, "grade": level.grade}
        yield from _text_rows("title", level.title, default, **where)
        yield from _text_rows("summary", level.summary, default, **where)
        yield from _text_rows("scope", level.scope, default, **where)
        for index, metric in enumerate(level.metrics):
            yield from _text_rows(f"metrics.{index}.name", metric.name, default, **where)
            yield from _text_rows(f"metrics.{index}.target", metric.target, default, **where)
        for competency_id, value in level.expects.items():
            expectation = level.expectation(competency_id)
            assert expectation is not None  # the id comes from the level's own expects
            at_cell = {**where, "competency": competency_id, "step": expectation.step}
            yield Row("expects", "", **at_cell)
            if isinstance(value, str):
                continue
            yield from _text_rows("note", expectation.note, default, **at_cell)
            for behaviour in expectation.behaviours:
                ref = f"{role.id}.{behaviour.id}"
                yield from _behaviour_rows(behaviour, ref, default, **at_cell)


def _move_rows(moves: list[Move], default: str) -> Iterator[Row]:
    for index, move in enumerate(moves):
        yield Row(f"moves.{index}.from", move.from_)
        yield Row(f"moves.{index}.to", move.to)
        yield Row(f"moves.{index}.type", move.type)
        yield from _text_rows(f"moves.{index}.note", move.note, default)
