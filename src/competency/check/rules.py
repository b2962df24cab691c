"""The cross-file rules of docs/format.md, one function per kind.

Each function takes a valid typed model with its document (for positions)
and the framework built from the valid parts, and yields diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from competency.check import quality
from competency.check._parts import TEXT_KEYS, TEXT_LIST_KEYS, Parts
from competency.diagnostics import Diagnostic
from competency.framework import Framework, LevelInfo, UnknownReferenceError, closest
from competency.load import Document, Loc
from competency.model import (
    Behaviour,
    Competency,
    Evidence,
    EvidenceMapping,
    FrameworkInfo,
    Level,
    Paths,
    Role,
)
from competency.text import localize

__all__ = [
    "accepted",
    "allow_used",
    "behaviour_texts",
    "competency",
    "duplicate_texts",
    "duplicates",
    "evidence",
    "evidence_history",
    "file_translations",
    "files_of",
    "framework_info",
    "mapping",
    "paths",
    "role",
    "role_vague",
    "text_keys",
    "translations",
]


def _unique_ids(
    document: Document, items: Iterable[Any], loc: Loc, what: str
) -> Iterator[Diagnostic]:
    """U100 for every item whose `id` an earlier item of the same list has."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            line, _ = document.positions.value((*loc, seen[item.id], "id"))
            yield document.at(
                (*loc, index, "id"),
                "U100",
                f"duplicate {what} id '{item.id}' (first at line {line})",
            )
        else:
            seen[item.id] = index


def framework_info(document: Document, info: FrameworkInfo) -> Iterator[Diagnostic]:
    """Unique ids per list, and descriptor names that are words, not numbers."""
    for key, what in (
        ("scale", "step"),
        ("categories", "category"),
        ("tracks", "track"),
        ("grades", "grade"),
        ("externals", "external"),
        ("families", "family"),
    ):
        yield from _unique_ids(document, getattr(info, key), (key,), what)
    for index, step in enumerate(info.scale):
        for locale, name in _all_texts(step.name):
            loc: Loc = (
                ("scale", index, "name") if locale is None else ("scale", index, "name", locale)
            )
            if quality.is_numeric_name(name):
                yield document.at(
                    loc, "D100", f"step name {name!r} is a number; descriptors are words"
                )
            elif quality.looks_like_score(name):
                yield document.at(
                    loc,
                    "D101",
                    f"step name {name!r} reads like a score; name what a person does",
                )


def _all_texts(text: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(text, str):
        yield None, text
    elif isinstance(text, dict):
        yield from text.items()


def _vague(document: Document, loc: Loc, text: Any, allow: list[str]) -> Iterator[Diagnostic]:
    for locale, value in _all_texts(text):
        words = quality.vague_words(value, allow)
        if words:
            where = loc if locale is None else (*loc, locale)
            listed = ", ".join(f"'{w}'" for w in dict.fromkeys(words))
            yield document.at(
                where,
                "Q100",
                f"vague qualifier {listed}; say what the person does, how often or how much",
            )


def _behaviours(
    document: Document, behaviours: list[Behaviour], loc: Loc, framework: Framework
) -> Iterator[Diagnostic]:
    allow = framework.info.lint.allow
    for index, behaviour in enumerate(behaviours):
        yield from _vague(document, (*loc, index, "text"), behaviour.text, allow)


def competency(document: Document, model: Competency, framework: Framework) -> Iterator[Diagnostic]:
    """Category and steps exist; behaviour ids unique; no vague behaviour text."""
    categories = {c.id for c in framework.info.categories}
    if model.category not in categories:
        yield document.at(
            ("category",),
            "R100",
            f"unknown category '{model.category}'{_hint(model.category, categories)}",
        )
    steps = {s.id for s in framework.info.scale}
    seen: dict[str, str] = {}
    for step_id, step in model.steps.items():
        if step_id not in steps:
            yield document.at(
                ("steps", step_id),
                "R102",
                f"unknown scale step '{step_id}'{_hint(step_id, steps)}",
                key=True,
            )
        for index, behaviour in enumerate(step.behaviours):
            loc: Loc = ("steps", step_id, "behaviours", index, "id")
            if behaviour.id in seen:
                yield document.at(
                    loc,
                    "U100",
                    f"duplicate behaviour id '{behaviour.id}' "
                    f"(also at step '{seen[behaviour.id]}')",
                )
            seen.setdefault(behaviour.id, step_id)
        yield from _behaviours(
            document, step.behaviours, ("steps", step_id, "behaviours"), framework
        )
    yield from _library_replaces(document, model, framework)


def _library_replaces(
    document: Document, model: Competency, framework: Framework
) -> Iterator[Diagnostic]:
    """R106/R108: `replaces` names behaviours of this competency at lower steps, not itself."""
    step_of = {b.id: step_id for step_id, step in model.steps.items() for b in step.behaviours}
    for step_id, step in model.steps.items():
        for index, behaviour in enumerate(step.behaviours):
            for r_index, replaced in enumerate(behaviour.replaces):
                loc: Loc = ("steps", step_id, "behaviours", index, "replaces", r_index)
                owner, _, name = replaced.rpartition(".")
                if owner and owner != model.id:
                    yield document.at(
                        loc,
                        "R108",
                        f"'{replaced}' is not a behaviour of {model.id}; a behaviour replaces "
                        "behaviours of its own competency",
                    )
                    continue
                if name == behaviour.id:
                    yield document.at(loc, "R108", f"'{behaviour.id}' cannot replace itself")
                elif name not in step_of:
                    yield document.at(
                        loc,
                        "R106",
                        f"unknown behaviour '{name}' in {model.id}{_hint(name, step_of)}",
                    )
                elif _not_lower(framework, step_of[name], step_id):
                    yield document.at(
                        loc,
                        "R108",
                        f"'{name}' is at step '{step_of[name]}', not below '{step_id}'; "
                        "a behaviour replaces behaviours of lower steps",
                    )


def _not_lower(framework: Framework, step: str, than: str) -> bool:
    """True when `step` is not below `than` (unknown steps are reported elsewhere)."""
    try:
        return framework.compare_steps(step, than) >= 0
    except UnknownReferenceError:
        return False


def _hint(value: str, choices: Iterable[str]) -> str:
    close = closest(value, choices)
    return f"; did you mean '{close}'?" if close else ""


def role(
    document: Document,
    model: Role,
    framework: Framework,
    unchecked: frozenset[str] = frozenset(),
    vague: dict[Loc, list[Diagnostic]] | None = None,
) -> Iterator[Diagnostic]:
    """Track, grades, competencies and steps exist; levels are monotonic.

    `unchecked` holds the ids of competencies whose files have errors of
    their own: naming one is not reported again as unknown. `vague` is
    `role_vague` of the role worked out before its texts were let go
    (`FrameworkCache.reading`); without it the texts are read here.
    """
    if vague is None:
        vague = role_vague(document, model, framework.info.lint.allow)
    info = framework.info
    tracks = {t.id for t in info.tracks}
    if model.track not in tracks:
        yield document.at(
            ("track",), "R103", f"unknown track '{model.track}'{_hint(model.track, tracks)}"
        )
    families = {f.id for f in info.families}
    if families and model.family is not None and model.family not in families:
        yield document.at(
            ("family",), "R109", f"unknown family '{model.family}'{_hint(model.family, families)}"
        )
    yield from _unique_ids(document, model.levels, ("levels",), "level")
    grades = {g.id for g in info.grades}
    steps = {s.id for s in info.scale}
    behaviour_ids: dict[str, str] = {}
    previous_grade: tuple[str, int] | None = None
    for index, level in enumerate(model.levels):
        base: Loc = ("levels", index)
        if level.grade not in grades:
            yield document.at(
                (*base, "grade"),
                "R104",
                f"unknown grade '{level.grade}'{_hint(level.grade, grades)}",
            )
        else:
            grade_index = framework.grade_index(level.grade)
            if previous_grade is not None and grade_index < previous_grade[1]:
                yield document.at(
                    (*base, "grade"),
                    "L103",
                    f"grade '{level.grade}' is lower than '{previous_grade[0]}' of the level below",
                )
            previous_grade = (level.grade, grade_index)
        for competency_id, value in level.expects.items():
            loc: Loc = (*base, "expects", competency_id)
            if competency_id not in framework.competencies and competency_id not in unchecked:
                yield document.at(
                    loc,
                    "R101",
                    f"unknown competency '{competency_id}'"
                    f"{_hint(competency_id, framework.competencies)}",
                    key=True,
                )
            step = value if isinstance(value, str) else value.step
            step_loc = loc if isinstance(value, str) else (*loc, "step")
            if step not in steps:
                yield document.at(
                    step_loc, "R102", f"unknown scale step '{step}'{_hint(step, steps)}"
                )
            if isinstance(value, str):
                continue
            for b_index, behaviour in enumerate(value.behaviours):
                if behaviour.id in behaviour_ids:
                    yield document.at(
                        (*loc, "behaviours", b_index, "id"),
                        "U100",
                        f"duplicate role behaviour id '{behaviour.id}' "
                        f"(also at level '{behaviour_ids[behaviour.id]}')",
                    )
                behaviour_ids.setdefault(behaviour.id, level.id)
            yield from vague.get((*loc, "behaviours"), ())
    yield from _role_replaces(document, model, framework, unchecked)
    yield from _monotonic(document, model, framework)


def role_vague(document: Document, model: Role, allow: list[str]) -> dict[Loc, list[Diagnostic]]:
    """Q100 of a role's own behaviours, by where each level's list of them is.

    The only rule of `role` that reads texts: run on its own, it lets a
    check keep a role without its texts (`FrameworkCache.reading`).
    """
    found: dict[Loc, list[Diagnostic]] = {}
    for index, level in enumerate(model.levels):
        for competency_id, value in level.expects.items():
            if isinstance(value, str) or not value.behaviours:
                continue
            loc: Loc = ("levels", index, "expects", competency_id, "behaviours")
            problems = [
                problem
                for b_index, behaviour in enumerate(value.behaviours)
                for problem in _vague(document, (*loc, b_index, "text"), behaviour.text, allow)
            ]
            if problems:
                found[loc] = problems
    return found


def _role_replaces(
    document: Document, model: Role, framework: Framework, unchecked: frozenset[str]
) -> Iterator[Diagnostic]:
    """R106/R108: a role behaviour replaces lower levels' additions or library behaviours.

    An id names a behaviour a lower level of this role adds; a reference
    COMPETENCY.BEHAVIOUR names a library behaviour of the same competency at a
    step not above the one this level expects.
    """
    added_at: dict[str, int] = {}
    for index, level in enumerate(model.levels):
        for competency_id, value in level.expects.items():
            if isinstance(value, str) or competency_id in unchecked:
                continue
            for b_index, behaviour in enumerate(value.behaviours):
                base: Loc = ("levels", index, "expects", competency_id, "behaviours", b_index)
                for r_index, replaced in enumerate(behaviour.replaces):
                    loc: Loc = (*base, "replaces", r_index)
                    problem = _role_replacement(
                        replaced,
                        behaviour.id,
                        competency_id,
                        value.step,
                        added_at,
                        framework,
                    )
                    if problem is not None:
                        yield document.at(loc, *problem)
        for value in level.expects.values():
            if not isinstance(value, str):
                for behaviour in value.behaviours:
                    added_at.setdefault(behaviour.id, index)


def _role_replacement(
    replaced: str,
    own_id: str,
    competency_id: str,
    step: str,
    added_at: dict[str, int],
    framework: Framework,
) -> tuple[str, str] | None:
    """The code and message of a bad role-specific replacement, or None."""
    if "." not in replaced:
        if replaced == own_id:
            return "R108", f"'{own_id}' cannot replace itself"
        if replaced not in added_at:
            return "R106", (
                f"unknown behaviour '{replaced}': a role behaviour replaces behaviours that "
                "lower levels of the role add, or COMPETENCY.BEHAVIOUR"
            )
        return None
    owner = replaced.partition(".")[0]
    if replaced not in framework.behaviour_refs:
        return "R106", f"unknown behaviour '{replaced}'{_hint(replaced, framework.behaviour_refs)}"
    if owner != competency_id:
        return "R108", (
            f"'{replaced}' belongs to {owner}; this behaviour adds to {competency_id} "
            "and replaces only its behaviours"
        )
    if _not_lower(framework, step, framework.behaviour(replaced).step) is False:
        return "R108", (
            f"'{replaced}' is at step '{framework.behaviour(replaced).step}', above the "
            f"step '{step}' this level expects"
        )
    return None


def _valid_steps(level: Level, framework: Framework) -> dict[str, str]:
    """Competency -> step for the expectations whose references are valid."""
    steps = {s.id for s in framework.info.scale}
    return {
        competency_id: step
        for competency_id, step in level.steps().items()
        if competency_id in framework.competencies and step in steps
    }


def _monotonic(document: Document, model: Role, framework: Framework) -> Iterator[Diagnostic]:
    """L100 (no behaviours), L101 (lower step), L102 (dropped), Q101 (adds nothing)."""
    below: dict[str, str] | None = None
    for index, level in enumerate(model.levels):
        base: Loc = ("levels", index)
        current = _valid_steps(level, framework)
        found = LevelInfo(model, level, index)
        for competency_id, step in current.items():
            if not framework.comes_to_behaviours(found, competency_id, step):
                # Without cumulative, lower steps do not count: say so rather than "up to it".
                steps = "no step up to it" if framework.info.cumulative else "no behaviour at it"
                yield document.at(
                    (*base, "expects", competency_id),
                    "L100",
                    f"expecting '{competency_id}' at '{step}' comes to no "
                    f"behaviour: the competency describes {steps} and the role adds none",
                )
        if below is None:
            below = current
            continue
        added_behaviours = any(
            not isinstance(v, str) and v.behaviours for v in level.expects.values()
        )
        raised = False
        for competency_id, step in below.items():
            if competency_id not in level.expects:
                yield document.at(
                    (*base, "expects"),
                    "L102",
                    f"drops '{competency_id}', which the level below expects at '{step}'",
                )
            elif competency_id in current:
                change = framework.compare_steps(current[competency_id], step)
                if change < 0:
                    yield document.at(
                        (*base, "expects", competency_id),
                        "L101",
                        f"expects '{competency_id}' at '{current[competency_id]}', lower than "
                        f"'{step}' at the level below",
                    )
                raised = raised or change > 0
        new = any(c not in below for c in current)
        if not (raised or new or added_behaviours):
            yield document.at(
                (*base, "id"),
                "Q101",
                f"level '{level.id}' expects nothing more than the level below",
            )
        below = current


def paths(
    document: Document,
    model: Paths,
    framework: Framework,
    unchecked: frozenset[str] = frozenset(),
) -> Iterator[Diagnostic]:
    """Endpoints exist and each move keeps its type's rule.

    `unchecked` holds the ids of roles whose files have errors of their own:
    moves to or from them are not reported again.
    """
    externals = {e.id for e in framework.info.externals}
    seen: dict[tuple[str, str, str], int] = {}
    for index, move in enumerate(model.moves):
        base: Loc = ("moves", index)
        if move.from_ == move.to:
            yield document.at((*base, "to"), "P101", f"a move from '{move.from_}' to itself")
        same = (move.from_, move.to, move.type)
        if same in seen:
            line = document.positions.value(("moves", seen[same]))[0]
            yield document.at(base, "P102", f"the same move is already listed at line {line}")
        seen.setdefault(same, index)
        ends: list[Any] = []
        for key, value in (("from", move.from_), ("to", move.to)):
            end = _endpoint(value, framework, externals)
            if value.partition("@")[0] in unchecked:
                end = None
            elif isinstance(end, str) and end != "external":
                code = "R107" if value.startswith("external:") else "R105"
                yield document.at((*base, key), code, end)
                end = None
            ends.append(end)
        source, target = ends
        problem = _move_rule(move.type, move.from_, move.to, source, target, framework)
        if problem:
            yield document.at((*base, "type"), "P100", problem)


def _endpoint(value: str, framework: Framework, externals: set[str]) -> Any:
    """The LevelInfo for ROLE@LEVEL, 'external' for a declared external, or an error string."""
    if value.startswith("external:"):
        name = value.removeprefix("external:")
        if name in externals:
            return "external"
        return f"unknown external '{name}'{_hint(name, externals)}"
    role_id, _, level_id = value.partition("@")
    role = framework.roles.get(role_id)
    if role is None:
        return f"unknown role '{role_id}'{_hint(role_id, framework.roles)}"
    if role.level(level_id) is None:
        hint = _hint(level_id, [lv.id for lv in role.levels])
        return f"role '{role_id}' has no level '{level_id}'{hint}"
    return framework.level(value)


def _move_rule(
    kind: str, start: str, end: str, source: Any, target: Any, framework: Framework
) -> str | None:
    """Why a move breaks its type's rule, or None when it keeps it."""
    external_from = start.startswith("external:")
    external_to = end.startswith("external:")
    if kind == "feeder":
        if not external_from:
            return "a feeder move starts at an external role (external:ID)"
        return "a feeder move ends inside the framework" if external_to else None
    if kind == "exit":
        if not external_to:
            return "an exit move ends at an external role (external:ID)"
        return "an exit move starts inside the framework" if external_from else None
    if external_from or external_to:
        return f"a {kind} move links two levels of the framework; use feeder or exit for externals"
    if source is None or target is None or source == "external" or target == "external":
        return None  # an unknown endpoint is reported already
    if kind == "track-change":
        if source.role.track == target.role.track:
            return f"a track-change move changes track; both ends are on '{source.role.track}'"
        return None
    if kind == "lateral" and source.role.id == target.role.id:
        return (
            f"a lateral move goes to another role; '{start}' and '{end}' are both levels of "
            f"'{source.role.id}' (a move up one role is a promotion)"
        )
    if source.level.grade not in {
        g.id for g in framework.info.grades
    } or target.level.grade not in {g.id for g in framework.info.grades}:
        return None
    change = framework.grade_index(target.level.grade) - framework.grade_index(source.level.grade)
    later_sub_level = source.role.id == target.role.id and target.index > source.index
    if kind == "promotion" and (change < 0 or (change == 0 and not later_sub_level)):
        return (
            f"a promotion goes to a higher grade, or to a later level of the same role on "
            f"the same grade; '{end}' is at '{target.level.grade}', "
            f"'{start}' at '{source.level.grade}'"
        )
    if kind == "lateral" and change != 0:
        return (
            f"a lateral move stays on the same grade; '{start}' is at '{source.level.grade}', "
            f"'{end}' at '{target.level.grade}'"
        )
    return None


def duplicate_texts(parts: Parts, framework: Framework) -> Iterator[Diagnostic]:
    """Q102: the same behaviour text twice anywhere in the framework."""
    default = framework.default_locale
    yield from duplicates(
        (document, text_keys(behaviour_texts(model), default))
        for document, model in files_of(parts)
    )


def duplicates(keyed: Iterable[tuple[Document, list[tuple[Loc, str]]]]) -> Iterator[Diagnostic]:
    """Q102 for every text key (`text_keys`) seen before, files and texts in order."""
    seen: dict[str, tuple[Document, Loc]] = {}
    for document, keys in keyed:
        for loc, key in keys:
            first = seen.get(key)
            if first is None:
                seen[key] = (document, loc)
            else:
                where, first_loc = first
                line = where.positions.value(first_loc)[0]
                yield document.at(
                    loc, "Q102", f"the same behaviour text is already at {where.display}:{line}"
                )


def text_keys(texts: list[tuple[Loc, Any]], default: str) -> list[tuple[Loc, str]]:
    """Each behaviour text as Q102 compares it: in the default locale, case and spaces folded."""
    return [(loc, " ".join(localize(text, None, default).lower().split())) for loc, text in texts]


def allow_used(parts: Parts) -> set[str]:
    """The ``lint.allow`` phrases that keep a vague qualifier in a behaviour from Q100."""
    allow = parts.info[1].lint.allow if parts.info is not None else []
    used: set[str] = set()
    if allow:
        for _, model in files_of(parts):
            used |= accepted(behaviour_texts(model), allow)
    return used


def accepted(texts: list[tuple[Loc, Any]], allow: list[str]) -> set[str]:
    """The ``lint.allow`` phrases that accept a vague qualifier in these texts."""
    used: set[str] = set()
    for _, text in texts:
        for _, value in _all_texts(text):
            used |= quality.accepted_by(value, allow)
    return used


def files_of(parts: Parts) -> Iterator[tuple[Document, Competency | Role]]:
    """The competency files, then the role files, with their models, in order."""
    yield from parts.competencies.values()
    yield from parts.roles.values()


def behaviour_texts(model: Competency | Role) -> list[tuple[Loc, Any]]:
    """Every behaviour text of a competency or role file, with where it is, in file order."""
    found: list[tuple[Loc, Any]] = []
    if isinstance(model, Competency):
        for step_id, step in model.steps.items():
            for index, behaviour in enumerate(step.behaviours):
                found.append((("steps", step_id, "behaviours", index, "text"), behaviour.text))
        return found
    for l_index, level in enumerate(model.levels):
        for competency_id, value in level.expects.items():
            if isinstance(value, str):
                continue
            for index, behaviour in enumerate(value.behaviours):
                found.append(
                    (
                        ("levels", l_index, "expects", competency_id, "behaviours", index, "text"),
                        behaviour.text,
                    )
                )
    return found


def translations(
    documents: list[Document], default: str, locales: list[str]
) -> Iterator[Diagnostic]:
    """Q103 and Q107: translations are complete file by file, in declared locales only.

    For every declared locale, a file that has any text in it must have every
    text in it (Q103, one warning per text naming the locales it lacks); a
    file with no text in a locale is not checked for it. A plain string is in
    the default locale. A text in a locale that ``locales`` does not list, and
    that is not the default, is Q107 at that locale's key.
    """
    for document in documents:
        yield from file_translations(document, default, locales)


def file_translations(document: Document, default: str, locales: list[str]) -> list[Diagnostic]:
    """`translations` of one file."""
    known = {default, *locales}
    found: list[Diagnostic] = []
    texts = _texts(document.data, (), TEXT_KEYS, TEXT_LIST_KEYS)
    present = {locale for _, text in texts for locale in _locales_of(text, default)}
    wanted = [locale for locale in locales if locale in present]
    for loc, text in texts:
        have = _locales_of(text, default)
        missing = [locale for locale in wanted if locale not in have]
        if missing:
            found.append(document.at(loc, "Q103", f"no translation for {', '.join(missing)}"))
        found += _unlisted_locales(document, loc, text, known)
    return found


def _unlisted_locales(
    document: Document, loc: Loc, text: Any, known: set[str]
) -> Iterator[Diagnostic]:
    """Q107 at each locale key of a text map that the framework does not list."""
    for locale in text if isinstance(text, dict) else ():
        if locale not in known:
            yield document.at(
                (*loc, locale),
                "Q107",
                f"text in '{locale}', a locale the framework's locales do not list"
                f"{_hint(locale, sorted(known))}",
                key=True,
            )


def _locales_of(text: Any, default: str) -> set[str]:
    """The locales a text is written in: the default for a plain string."""
    return {default} if isinstance(text, str) else set(text)


def _texts(
    node: Any, loc: Loc, keys: frozenset[str], list_keys: frozenset[str]
) -> list[tuple[Loc, Any]]:
    """Every text below `node` (under `keys`, or in a list under `list_keys`), in file order."""
    found: list[tuple[Loc, Any]] = []
    _collect_texts(node, loc, keys, list_keys, found)
    return found


def _collect_texts(
    node: Any,
    loc: Loc,
    keys: frozenset[str],
    list_keys: frozenset[str],
    found: list[tuple[Loc, Any]],
) -> None:
    # Appends to one list, not nested generators: a role file has thousands of nodes.
    # A path is made only for what is kept or entered, not for every scalar passed by.
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, (str, dict)) and _is_text(value):
                found.append(((*loc, key), value))
            elif key in list_keys and isinstance(value, list):
                here = (*loc, key)
                found += [((*here, i), item) for i, item in enumerate(value) if _is_text(item)]
            elif isinstance(value, (dict, list)):
                _collect_texts(value, (*loc, key), keys, list_keys, found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, (dict, list)):
                _collect_texts(item, (*loc, index), keys, list_keys, found)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    )


def evidence(document: Document, model: Evidence, framework: Framework) -> Iterator[Diagnostic]:
    """The role, level, behaviours, competencies and steps it names exist."""
    role_model = framework.roles.get(model.role)
    if role_model is None:
        yield document.at(
            ("role",), "R105", f"unknown role '{model.role}'{_hint(model.role, framework.roles)}"
        )
    elif model.level is not None and role_model.level(model.level) is None:
        levels = [lv.id for lv in role_model.levels]
        yield document.at(
            ("level",),
            "R105",
            f"role '{model.role}' has no level '{model.level}'{_hint(model.level, levels)}",
        )
    if model.confirmed is not None and model.level is None:
        yield document.at(
            ("confirmed",),
            "S101",
            "confirmed needs level: name the level that was confirmed",
            key=True,
        )
    if model.target is not None:
        known_levels = [info.ref for info in framework.levels()]
        if model.target not in known_levels:
            yield document.at(
                ("target",),
                "R105",
                f"unknown level '{model.target}'{_hint(model.target, known_levels)}",
            )
    for index, confirmation in enumerate(model.history or ()):
        level = _endpoint(confirmation.level, framework, set())
        if isinstance(level, str):
            yield document.at(("history", index, "level"), "R105", level)
    yield from _unique_item_ids(document, model)
    known = framework.behaviour_refs
    for index, item in enumerate(model.items):
        for s_index, ref in enumerate(item.shows):
            if ref not in known:
                yield document.at(
                    ("items", index, "shows", s_index),
                    "R106",
                    f"unknown behaviour '{ref}'{_hint(ref, known)}",
                )
    steps = {s.id for s in framework.info.scale}
    for index, assessment in enumerate(model.assessments):
        if assessment.competency not in framework.competencies:
            yield document.at(
                ("assessments", index, "competency"),
                "R101",
                f"unknown competency '{assessment.competency}'"
                f"{_hint(assessment.competency, framework.competencies)}",
            )
        if assessment.step not in steps:
            yield document.at(
                ("assessments", index, "step"),
                "R102",
                f"unknown scale step '{assessment.step}'{_hint(assessment.step, steps)}",
            )
    seen: set[str] = set()
    for index, entry in enumerate(model.not_applicable):
        if entry.behaviour not in known:
            yield document.at(
                ("not_applicable", index, "behaviour"),
                "R106",
                f"unknown behaviour '{entry.behaviour}'{_hint(entry.behaviour, known)}",
            )
        elif entry.behaviour in seen:
            yield document.at(
                ("not_applicable", index, "behaviour"),
                "U100",
                f"behaviour '{entry.behaviour}' is listed twice",
            )
        seen.add(entry.behaviour)


def _unique_item_ids(document: Document, model: Evidence) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for index, item in enumerate(model.items):
        if item.id is None:
            continue
        if item.id in seen:
            line, _ = document.positions.value(("items", seen[item.id], "id"))
            yield document.at(
                ("items", index, "id"),
                "U100",
                f"duplicate item id '{item.id}' (first at line {line})",
            )
        else:
            seen[item.id] = index


def evidence_history(document: Document, model: Evidence) -> Iterator[Diagnostic]:
    """(1.2) H102: confirmed or history, not both; H100: history dates strictly increase;
    H101: the last entry is the file's role and level. None of them needs the framework."""
    history = model.history
    if history is None:
        return
    if model.confirmed is not None:
        yield document.at(
            ("confirmed",),
            "H102",
            "confirmed and history together: history replaces confirmed; keep the "
            "confirmation as the last history entry and remove confirmed",
            key=True,
        )
    for index in range(1, len(history)):
        before, entry = history[index - 1], history[index]
        if entry.date <= before.date:
            line, _ = document.positions.value(("history", index - 1, "date"))
            yield document.at(
                ("history", index, "date"),
                "H100",
                f"history dates must increase: {entry.date.isoformat()} is not after "
                f"{before.date.isoformat()} of the entry before (line {line})",
            )
    last = history[-1]
    current = f"{model.role}@{model.level}" if model.level is not None else None
    if last.level != current:
        says = (
            f"the file's role and level are '{current}'"
            if current is not None
            else f"the file names no level (role '{model.role}')"
        )
        yield document.at(
            ("history", len(history) - 1, "level"),
            "H101",
            f"the last history entry confirms '{last.level}', but {says}; the last entry "
            "is the person's current confirmed level",
        )


def mapping(
    document: Document, model: EvidenceMapping, framework: Framework | None
) -> Iterator[Diagnostic]:
    """(1.2) An evidence mapping's regular expressions compile (S110) and, with a
    framework, the behaviours its rules show exist (R106)."""
    known = framework.behaviour_refs if framework is not None else None
    for index, rule in enumerate(model.rules):
        pattern = rule.when.matches
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                yield document.at(
                    ("rules", index, "when", "matches"),
                    "S110",
                    f"regular expression {_quote_pattern(pattern)} does not compile: {error}",
                )
        if known is None:
            continue
        for s_index, ref in enumerate(rule.shows):
            if ref not in known:
                yield document.at(
                    ("rules", index, "shows", s_index),
                    "R106",
                    f"unknown behaviour '{ref}'{_hint(ref, known)}",
                )


def _quote_pattern(pattern: str) -> str:
    """A pattern quoted for a message, shortened when long."""
    return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")
