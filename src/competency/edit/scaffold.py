"""``competency new``: valid starting files, explained line by line.

Every file starts with the schema modeline, so editors complete and check
it as it is typed, and every key carries a short comment. What is written
validates as it stands (``competency validate --strict``), is already in
the canonical form of ``competency fmt``, and never replaces a file: each
one is created exclusively.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from competency.edit._files import EditError, Problem, check_id, is_id
from competency.edit._outline import Outline
from competency.edit.evidence import evidence_file
from competency.files import WriteError, write_files
from competency.folders import is_framework_folder
from competency.model import FORMAT, Readiness
from competency.modeline import Schemas

if TYPE_CHECKING:  # the framework is read only when a command needs it: `fmt` stays light
    from competency.names import Names

__all__ = [
    "Scaffold",
    "Schemas",
    "new_competency",
    "new_evidence",
    "new_framework",
    "new_role",
]


@dataclass
class Scaffold:
    """The files written, in order, or the problems that stopped anything from being written."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


#: Text that YAML reads back as the same string when written as it is.
_PLAIN = re.compile(r"[^\W\d_][\w ,.'()&/-]*(?<! )")
#: Plain words that YAML 1.1 or 1.2 would read as something other than text.
_KEYWORDS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _KEYWORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _in_comment(text: str) -> str:
    """`text` made safe inside a comment: no line break or control character can end it."""
    return _CONTROL.sub("?", text)


def _title(identifier: str) -> str:
    """A readable name for an id: ``support-engineer`` -> ``Support engineer``."""
    return identifier.replace("-", " ").capitalize()


def _write(files: dict[Path, str]) -> Scaffold:
    """Create every file, refusing all of them if any one exists."""
    try:
        write_files({path: text.encode("utf-8") for path, text in files.items()}, replace=False)
    except WriteError as error:
        raise EditError(str(error)) from None
    return Scaffold(list(files))


# --- a framework ----------------------------------------------------------------------


def new_framework(
    folder: str | os.PathLike[str],
    framework_id: str,
    *,
    schemas: Schemas,
    title: str | None = None,
) -> Scaffold:
    """Write a small, complete framework into `folder`, which must be new or empty.

    It has a scale of four steps, three competencies, two roles of two
    levels each (one per track) and the moves between them. The title is
    made from the id unless `title` is given.
    """
    root = Path(folder)
    if root.is_symlink() or (root.exists() and (not root.is_dir() or any(root.iterdir()))):
        raise EditError(f"{folder} exists and is not an empty folder; choose a new folder")
    identifier = check_id(framework_id, "framework id")
    texts = {
        "framework.yaml": ("framework", _framework(identifier, title or _title(identifier))),
        "competencies/troubleshooting.yaml": ("competency", _TROUBLESHOOTING),
        "competencies/customer-communication.yaml": ("competency", _COMMUNICATION),
        "competencies/coaching.yaml": ("competency", _COACHING),
        "roles/support-specialist.yaml": ("role", _SPECIALIST),
        "roles/support-lead.yaml": ("role", _LEAD),
        "paths.yaml": ("paths", _PATHS),
    }
    files = {
        root / name: schemas.modeline(kind, root / name) + text
        for name, (kind, text) in texts.items()
    }
    return _write(files)


def _framework(identifier: str, title: str) -> str:
    policy = Readiness()
    sources = "".join(f"    - {source}\n" for source in policy.sources)
    return f"""#
# The framework: the scale that every competency is described on, the
# categories that group competencies, the career tracks and grades, and the
# default policy of gap analysis. Check the whole folder with
#   competency validate FOLDER --strict
# and publish it with
#   competency render FOLDER --format html --out site
format: {FORMAT}  # the file format; always {FORMAT}
kind: framework  # what this file is: framework, competency, role, paths or evidence
id: {identifier}  # the framework's id: lowercase words joined by hyphens
title: {_scalar(title)}  # the name readers see on every page
version: 0.1.0  # the version of the content (semver); raise it when a ladder changes
default_locale: en  # the language of texts written as plain strings
locales:  # the languages whose translations must be complete
  - en
cumulative: true  # expecting a step also expects the behaviours of the steps below it
scale:  # the named steps of every competency, lowest first: words, never numbers
  - id: learning  # the id that competencies and roles use
    name: Learning  # what readers see
    # What a person at this step does, in a sentence:
    meaning: Does the routine work with a colleague checking the result.
  - id: practising
    name: Practising
    meaning: Handles the everyday cases alone and asks for help on the unusual ones.
  - id: proficient
    name: Proficient
    meaning: Handles the unusual cases alone and is the person teammates ask.
  - id: leading
    name: Leading
    meaning: Raises how the whole team does this, through coaching, tools and standards.
categories:  # themes that group competencies on the published pages
  - id: craft  # the id that competencies use
    name: Craft  # what readers see
  - id: collaboration
    name: Collaboration
tracks:  # career tracks; each role is on one
  - id: ic
    name: Individual contributor
  - id: manager
    name: People manager
grades:  # rungs that make levels on different tracks comparable, lowest first
  - id: g1
    name: Associate
  - id: g2
    name: Intermediate
  - id: g3
    name: Senior
  - id: g4
    name: Lead
externals: []  # roles outside this framework that paths may start or end at
readiness:  # the default policy of gap analysis; each key can be overridden per run
  max_age_months: {policy.max_age_months}  # work older than this many months is stale
  min_items: {policy.min_items}  # pieces of work a behaviour needs to count as shown
  min_sources: {policy.min_sources}  # distinct sources among those pieces of work
  sources:  # the sources whose pieces of work count
{sources}  competency_met: all  # all: every behaviour shown; or at_least: 0.75 for a share
  almost_within: {policy.almost_within}  # this many partial competencies (and no gap) make "almost"
"""


_COMPETENCY_HEAD = f"""#
# A competency: what people do at each step of the scale where it applies.
# Behaviours are things a colleague could see someone do; their ids are what
# evidence files point at (COMPETENCY.BEHAVIOUR).
format: {FORMAT}  # the file format; always {FORMAT}
kind: competency  # what this file is
"""

_TROUBLESHOOTING = (
    _COMPETENCY_HEAD
    + """id: troubleshooting  # the competency's id; the file is named after it
name: Troubleshooting  # what readers see
category: craft  # a category id of framework.yaml
# The competency in a sentence (optional):
summary: Finds the cause of a customer's problem and fixes it so it does not come back.
steps:  # keyed by scale step; a step may be left out
  learning:
    summary: Gathers the facts and follows the runbook before asking for help.  # optional
    behaviours:  # what a person at this step does
      - id: reproduces-first  # unique in this competency
        # What the person does, as a colleague would see it:
        text: Reproduces the reported problem in a test account before escalating it.
        examples:  # concrete past work that shows the behaviour (optional)
          - Rebuilt a customer's import file to confirm the date format error.
      - id: records-the-facts
        text: Writes the account, the steps taken and the time of the error in the ticket.
  practising:
    behaviours:
      - id: isolates-the-cause
        text: Changes one setting at a time to narrow a problem down to a single cause.
      - id: escalates-complete-cases
        text: Lists what was tried and ruled out in every escalation, so nobody repeats it.
  proficient:
    behaviours:
      - id: finds-root-causes
        text: Separates the root cause from its symptoms and writes both in the ticket.
  leading:
    behaviours:
      - id: writes-runbooks
        text: Turns solved cases into runbook entries that teammates follow without escalating.
hiring:  # an interview kit (optional)
  questions:  # questions to ask
    - Tell me about a problem you could not reproduce. What did you do next?
  signals:  # what a strong answer shows
    - Describes narrowing the problem down one step at a time.
  red_flags:  # what a weak answer shows
    - Blames the customer for the problem.
"""
)

_COMMUNICATION = (
    _COMPETENCY_HEAD
    + """id: customer-communication  # the competency's id; the file is named after it
name: Customer communication  # what readers see
category: collaboration  # a category id of framework.yaml
summary: Writes and speaks to customers so that they know what happens next.  # optional
steps:  # keyed by scale step; a step may be left out
  learning:
    behaviours:  # what a person at this step does
      - id: adapts-saved-replies  # unique in this competency
        # What the person does, as a colleague would see it:
        text: Rewrites the team's saved replies in the customer's own words before sending them.
      - id: states-the-next-step
        text: Ends every reply by saying who does what next and by when.
  practising:
    behaviours:
      - id: explains-in-plain-words
        text: Explains technical causes in plain words, without internal names for systems.
  proficient:
    behaviours:
      - id: answers-complaints
        text: Answers escalated complaints within one working day with a plan agreed with the team.
  leading:
    behaviours:
      - id: reviews-replies
        text: Reviews two teammates' replies each week and names one change for each.
"""
)

_COACHING = (
    _COMPETENCY_HEAD
    + """id: coaching  # the competency's id; the file is named after it
name: Coaching  # what readers see
category: collaboration  # a category id of framework.yaml
summary: Helps teammates get better at the job.  # the competency in a sentence (optional)
steps:  # keyed by scale step; a step may be left out
  practising:
    behaviours:  # what a person at this step does
      - id: answers-teammates  # unique in this competency
        # What the person does, as a colleague would see it:
        text: Answers teammates' questions in the team channel with a link to the right article.
  proficient:
    behaviours:
      - id: pairs-with-new-starters
        text: Works alongside each new starter on live tickets for their first two weeks.
  leading:
    behaviours:
      - id: holds-one-to-ones
        text: Holds a weekly one-to-one with each person they lead and notes the agreed actions.
"""
)

_SPECIALIST = f"""#
# A role: its levels, lowest first, and at each level the step expected of
# each competency. A level may add behaviours of its own to a competency.
format: {FORMAT}  # the file format; always {FORMAT}
kind: role  # what this file is
id: support-specialist  # the role's id; the file is named after it
title: Support Specialist  # what readers see
track: ic  # a track id of framework.yaml
family: support  # a free label that groups roles (optional)
# What the role does, in a sentence or two (optional):
summary: Answers customers' questions and solves their problems by email, chat and phone.
why: Customers need one person who owns their question until it is answered.  # optional
levels:  # lowest first
  - id: ss1  # unique in this role; paths and evidence write it support-specialist@ss1
    title: Support Specialist I  # what readers see
    grade: g1  # a grade id of framework.yaml; grades never go down from level to level
    # What the level does, in a sentence (optional):
    summary: Answers routine questions by email with a colleague reviewing the replies.
    scope: The email queue of one product, during office hours.  # the work itself
    expects:  # competency id: the step expected
      troubleshooting: learning
      customer-communication: learning
  - id: ss2
    title: Support Specialist II
    grade: g2
    summary: Covers every channel alone and helps newer teammates.
    scope: Email, chat and phone for one product, including the evening shift.
    expects:
      troubleshooting: practising
      customer-communication:  # the long form: a step, and behaviours this role adds
        step: practising  # the step expected
        behaviours:  # what this role adds at this level
          - id: covers-the-phone-queue  # unique in this role
            # What the person does, as a colleague would see it:
            text: Takes the phone queue alone for a full shift each week.
        note: Phone shifts start after a month of listening in on calls.  # advice for this cell
      coaching: practising
    metrics:  # informative only; never used to judge readiness
      - name: Customer satisfaction on their tickets  # what is measured
        target: at or above the team median  # the level to reach (optional)
"""

_LEAD = f"""#
# A role: its levels, lowest first, and at each level the step expected of
# each competency. A level may add behaviours of its own to a competency.
format: {FORMAT}  # the file format; always {FORMAT}
kind: role  # what this file is
id: support-lead  # the role's id; the file is named after it
title: Support Lead  # what readers see
track: manager  # a track id of framework.yaml
family: support  # a free label that groups roles (optional)
# What the role does, in a sentence or two (optional):
summary: Leads a team of support specialists and owns the quality of its answers.
why: A team needs someone who hires, coaches and plans its week.  # optional
levels:  # lowest first
  - id: sl1  # unique in this role; paths and evidence write it support-lead@sl1
    title: Support Lead  # what readers see
    grade: g3  # a grade id of framework.yaml
    expects:  # competency id: the step expected
      troubleshooting: proficient
      customer-communication: proficient
      coaching:
        step: proficient  # the step expected
        behaviours:  # what this role adds at this level
          - id: plans-the-rota  # unique in this role
            # What the person does, as a colleague would see it:
            text: Publishes the team's rota a week ahead and covers every gap it leaves.
  - id: sl2
    title: Senior Support Lead
    grade: g4
    expects:
      troubleshooting: leading
      customer-communication: leading
      coaching: leading
"""

_PATHS = f"""#
# The moves between levels: promotions within a role, moves between roles
# and tracks, and ways into and out of the framework.
format: {FORMAT}  # the file format; always {FORMAT}
kind: paths  # what this file is
moves:  # one entry per move
  - from: support-specialist@ss1  # where the move starts: ROLE@LEVEL
    to: support-specialist@ss2  # where it ends
    type: promotion  # promotion, lateral, track-change, feeder (from outside) or exit
    note: Cover every channel alone, phone included, for a full quarter.  # advice (optional)
  - from: support-specialist@ss2
    to: support-lead@sl1
    type: track-change
    note: Run the team's weekly ticket review for a quarter while the lead is away.
  - from: support-lead@sl1
    to: support-lead@sl2
    type: promotion
"""


# --- a role and a competency in an existing framework ---------------------------------


def _valid(found: list[str]) -> list[str]:
    """The ids among what a framework's files define (a broken file may hold anything)."""
    return [value for value in found if is_id(value)]


def _framework_outline(matrices: str | os.PathLike[str]) -> Outline:
    if not Outline.is_framework_folder(matrices):
        raise EditError(f"not a framework folder (no framework.yaml): {matrices}")
    return Outline.read(matrices)


def _free(outline: Outline, identifier: str) -> None:
    if identifier in outline.competencies:
        raise EditError(f"'{identifier}' is already a competency; roles and competencies share ids")
    if identifier in outline.roles:
        raise EditError(f"'{identifier}' is already a role; roles and competencies share ids")


def new_role(role_id: str, *, matrices: str | os.PathLike[str], schemas: Schemas) -> Scaffold:
    """Write ``roles/<role_id>.yaml`` in a framework: two levels built from what it defines.

    The levels are on the framework's first track and its lowest grades;
    they expect up to three of its competencies, at the lowest step each
    describes and then the next one, and the second level adds a behaviour
    of its own, so that both validate and the second adds something.
    """
    check_id(role_id, "role id")
    outline = _framework_outline(matrices)
    if outline.problems:
        return Scaffold(problems=outline.problems)
    _free(outline, role_id)
    described = {
        competency: [step for step in _valid(outline.scale) if step in found.steps]
        for competency, found in outline.competencies.items()
        if is_id(competency)
    }
    chosen = [competency for competency, steps in described.items() if steps][:3]
    if not chosen or not _valid(outline.tracks) or not _valid(outline.grades):
        raise EditError(
            f"{matrices} needs a track, a grade and a competency with behaviours "
            "before a role can expect anything; add them first"
        )
    path = Path(matrices) / "roles" / f"{role_id}.yaml"
    text = _role(role_id, outline, {c: described[c] for c in chosen})
    return _write({path: schemas.modeline("role", path) + text})


def _role(role_id: str, outline: Outline, described: dict[str, list[str]]) -> str:
    title = _title(role_id)
    short = "".join(word[0] for word in role_id.split("-"))
    short = short if len(short) > 1 else role_id[:2]
    grades = _valid(outline.grades)
    first, second = grades[0], grades[min(1, len(grades) - 1)]
    lower = "".join(f"      {c}: {steps[0]}\n" for c, steps in described.items())
    higher = ""
    for number, (competency, steps) in enumerate(described.items()):
        step = steps[min(1, len(steps) - 1)]
        if number:
            higher += f"      {competency}: {step}\n"
            continue
        higher += (
            f"      {competency}:  # the long form: a step, and behaviours this role adds\n"
            f"        step: {step}  # the step expected\n"
            "        behaviours:  # what this role adds at this level\n"
            f"          - id: reports-weekly  # unique in this role: {role_id}.reports-weekly\n"
            "            # What the person does, as a colleague would see it:\n"
            f"            text: Sends their lead a weekly summary of the {title.lower()} work "
            "they own, with what is blocked.\n"
        )
    return f"""#
# A role: its levels, lowest first, and at each level the step expected of
# each competency. Replace the levels' expectations with your own; check the
# framework with: competency validate {_in_comment(outline.folder.as_posix())} --strict
format: {FORMAT}  # the file format; always {FORMAT}
kind: role  # what this file is
id: {role_id}  # the role's id; the file is named after it
title: {title}  # what readers see
track: {_valid(outline.tracks)[0]}  # a track id of framework.yaml
# family: support  # a free label that groups roles (optional)
# summary: What the role does, in a sentence or two.  (optional)
# why: Why the role exists.  (optional)
levels:  # lowest first
  - id: {short}1  # unique in this role; paths and evidence write it {role_id}@{short}1
    title: {title} I  # what readers see
    grade: {first}  # a grade id of framework.yaml; grades never go down from level to level
    expects:  # competency id: the step expected
{lower}  - id: {short}2
    title: {title} II
    grade: {second}
    expects:
{higher}"""


def new_competency(
    competency_id: str, *, matrices: str | os.PathLike[str], schemas: Schemas
) -> Scaffold:
    """Write ``competencies/<competency_id>.yaml`` in a framework.

    It is in the framework's first category and describes one behaviour at
    each of the lowest three steps of its scale, to be replaced with what
    people in the team do.
    """
    check_id(competency_id, "competency id")
    outline = _framework_outline(matrices)
    if outline.problems:
        return Scaffold(problems=outline.problems)
    _free(outline, competency_id)
    if not _valid(outline.categories) or not _valid(outline.scale):
        raise EditError(f"{matrices} needs a category and a scale before a competency can use them")
    path = Path(matrices) / "competencies" / f"{competency_id}.yaml"
    text = _competency(competency_id, outline)
    return _write({path: schemas.modeline("competency", path) + text})


def _competency(competency_id: str, outline: Outline) -> str:
    name = _title(competency_id)
    work = name.lower()
    behaviours = [
        (
            "follows-the-checklist",
            f"Works through the team's checklist for {work} on routine cases "
            "and asks a colleague to check the result.",
        ),
        (
            "works-alone",
            f"Handles the everyday {work} work alone and notes in the ticket each case "
            "that needed help.",
        ),
        (
            "reviews-teammates",
            f"Reviews one teammate's {work} work each week and writes down one change for them.",
        ),
    ]
    (step, (behaviour, text)), *higher = zip(_valid(outline.scale), behaviours, strict=False)
    steps = (
        f"  {step}:\n"
        "    behaviours:  # what a person at this step does\n"
        f"      - id: {behaviour}  # unique in this competency\n"
        "        # What the person does, as a colleague would see it:\n"
        f"        text: {text}\n"
    )
    for step, (behaviour, text) in higher:
        steps += f"  {step}:\n    behaviours:\n      - id: {behaviour}\n        text: {text}\n"
    return f"""#
# A competency: what people do at each step of the scale where it applies.
# Replace these behaviours with things a colleague could see someone in your
# team do; evidence files point at them as {competency_id}.BEHAVIOUR.
format: {FORMAT}  # the file format; always {FORMAT}
kind: competency  # what this file is
id: {competency_id}  # the competency's id; the file is named after it
name: {name}  # what readers see
category: {_valid(outline.categories)[0]}  # a category id of framework.yaml
# summary: What the competency is about, in a sentence.  (optional)
steps:  # keyed by scale step; a step may be left out
{steps}"""


# --- an evidence file -----------------------------------------------------------------


def new_evidence(
    path: str | os.PathLike[str],
    person: str,
    *,
    matrices: str | os.PathLike[str],
    schemas: Schemas,
    role: str | None = None,
    level: str | None = None,
    names: Names | None = None,
) -> Scaffold:
    """Write an evidence file for a person in a role of the framework.

    The role is the framework's first (by id) unless `role` is given, the
    level its lowest unless `level` is given; the file aims at the next
    level (the same one at the top). It is `evidence_file`'s text, the one
    ``competency template evidence`` writes: no items yet, and per competency
    the target expects a commented item listing its behaviours. The
    framework must validate (its errors are the problems); names are those
    of `names`, else of the framework's default locale.
    """
    from competency.io import read_framework
    from competency.names import names_for

    target_file = Path(path)
    if target_file.exists() or target_file.is_symlink():
        raise EditError(f"{path} exists; it is left as it is")
    who = check_id(person, "person id")
    if not is_framework_folder(matrices):
        raise EditError(f"not a framework folder (no framework.yaml): {matrices}")
    checked = read_framework(matrices)
    framework = checked.framework
    if framework is None:
        return Scaffold(problems=[Problem.from_diagnostic(d) for d in checked.diagnostics])
    roles = sorted(framework.roles)
    if not roles:
        raise EditError(f"{matrices} has no roles yet; add a role first")
    chosen = role or roles[0]
    if chosen not in roles:
        raise EditError(f"unknown role '{chosen}'; known roles: {', '.join(roles)}")
    levels = [found.id for found in framework.roles[chosen].levels]
    current = level or levels[0]
    if current not in levels:
        raise EditError(f"unknown level '{current}' of {chosen}; its levels: {', '.join(levels)}")
    target = levels[min(levels.index(current) + 1, len(levels) - 1)]
    text = evidence_file(
        framework,
        f"{chosen}@{target}",
        names_for(framework, names=names),
        person=who,
        level=current,
        schema=schemas.reference("evidence", target_file),
    )
    return _write({target_file: text})
