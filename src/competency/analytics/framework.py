"""``competency export --format parquet``: the framework as Parquet tables.

``levels``, ``competencies``, ``expectations`` (per level, competency and
behaviour: the step, whether the behaviour is new there or inherited from
the level below, and what a new one replaces), ``behaviours`` (texts in
every locale the files give) and ``moves``. What each level expects and what
is new there come from `Framework.expected` and `Framework.what_is_new`, the
answers the ladders and the gap analysis use. Every table ends with the
framework's id, version and content hash.
"""

from __future__ import annotations

from competency.analytics.arrow import TableWriter
from competency.analytics.rows import Row
from competency.framework import Framework
from competency.names import Names, names_for
from competency.text import TextValue

__all__ = ["FRAMEWORK_TABLES", "framework_parquet", "framework_rows"]

#: The tables of the framework, in this order, each as ``NAME.parquet``.
FRAMEWORK_TABLES = ("levels", "competencies", "expectations", "behaviours", "moves")


def _locales(framework: Framework, value: TextValue | None) -> list[tuple[str, str]] | None:
    """A text as (locale, text) pairs: a plain string is in the framework's default locale."""
    if value is None:
        return None
    if isinstance(value, str):
        return [(framework.default_locale, value)]
    return list(value.items())


def framework_rows(
    framework: Framework, locale: str | None = None, *, names: Names | None = None
) -> dict[str, list[Row]]:
    """The rows of every framework table, without the stamp columns; texts of `names`
    (the command's translator), else in `locale`."""
    names = names_for(framework, locale, names=names)
    text = names.text
    levels: list[Row] = []
    expectations: list[Row] = []
    for info in framework.levels():
        role, level, ref = info.role, info.level, info.ref
        levels.append(
            (
                ref,
                role.id,
                info.index,
                text(level.title),
                _locales(framework, level.title),
                level.grade,
                text(role.title),
                role.track,
                role.family,
            )
        )
        for change in framework.what_is_new(ref):
            for new in change.new:
                replaced = [gone.ref for gone in new.replaces]
                expectations.append(
                    (ref, role.id, change.competency, change.step, new.info.ref, True, replaced)
                )
            for kept in change.inherited:
                expectations.append(
                    (ref, role.id, change.competency, change.step, kept.ref, False, [])
                )
    competencies: list[Row] = [
        (
            competency.id,
            text(competency.name),
            _locales(framework, competency.name),
            competency.category,
        )
        for competency in framework.competencies.values()
    ]
    behaviours: list[Row] = [
        (
            info.ref,
            info.owner,
            info.competency,
            info.step,
            f"{info.owner}@{info.level}" if info.level is not None else None,
            text(info.behaviour.text),
            _locales(framework, info.behaviour.text),
            list(info.replaces),
        )
        for info in framework.behaviours()
    ]
    moves: list[Row] = [
        (
            move.from_,
            move.to,
            move.type,
            text(move.note) if move.note is not None else None,
            _locales(framework, move.note),
        )
        for move in framework.moves
    ]
    return {
        "levels": levels,
        "competencies": competencies,
        "expectations": expectations,
        "behaviours": behaviours,
        "moves": moves,
    }


def framework_parquet(
    framework: Framework, locale: str | None = None, *, names: Names | None = None
) -> dict[str, bytes]:
    """Every framework table as a Parquet file, by file name (``levels.parquet``, ...)."""
    stamp: Row = (framework.info.id, framework.info.version, framework.content_hash)
    files: dict[str, bytes] = {}
    for name, rows in framework_rows(framework, locale, names=names).items():
        writer = TableWriter(name, stamp)
        writer.add(rows)
        files[f"{name}.parquet"] = writer.finish()
    return files
