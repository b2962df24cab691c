"""``competency export --format json``: the whole framework resolved into one document.

The shape is `competency.resolved.FrameworkDocument`, whose JSON Schema is
committed as ``schemas/framework-document.schema.json``. Texts stay as the
files hold them (a string, or a map from locale to string), so nothing is
lost; what each level expects, what is new there and what it inherits come
from `Framework.expected` and `Framework.what_is_new`, the same answers the
ladders and the gap analysis use.
"""

from __future__ import annotations

import json

from competency.escape import json_text
from competency.framework import Framework
from competency.model import Role
from competency.resolved import (
    DOCUMENT_FORMAT,
    DocumentBehaviour,
    DocumentCompetency,
    DocumentExpectation,
    DocumentLevel,
    DocumentNewBehaviour,
    DocumentRole,
    DocumentStep,
    FrameworkDocument,
)

__all__ = ["document_json", "framework_document"]


def framework_document(framework: Framework) -> FrameworkDocument:
    """The resolved framework as a `FrameworkDocument`."""
    info = framework.info
    return FrameworkDocument(
        format=DOCUMENT_FORMAT,
        id=info.id,
        title=info.title,
        version=info.version,
        hash=framework.content_hash,
        summary=info.summary,
        default_locale=info.default_locale,
        locales=list(info.locales),
        cumulative=info.cumulative,
        scale=list(info.scale),
        categories=list(info.categories),
        tracks=list(info.tracks),
        grades=list(info.grades),
        externals=list(info.externals),
        readiness=info.readiness,
        behaviours=[
            DocumentBehaviour(
                ref=b.ref,
                owner=b.owner,
                competency=b.competency,
                step=b.step,
                level=f"{b.owner}@{b.level}" if b.level is not None else None,
                text=b.behaviour.text,
                replaces=list(b.replaces),
                examples=list(b.behaviour.examples),
            )
            for b in framework.behaviours()
        ],
        competencies=[
            DocumentCompetency(
                id=c.id,
                name=c.name,
                category=c.category,
                summary=c.summary,
                steps=[
                    DocumentStep(
                        step=step.id,
                        summary=c.steps[step.id].summary,
                        behaviours=[f"{c.id}.{b.id}" for b in c.steps[step.id].behaviours],
                    )
                    for step in info.scale
                    if step.id in c.steps
                ],
                hiring=c.hiring,
                references=list(c.references),
            )
            for c in framework.competencies.values()
        ],
        roles=[_role(framework, role) for role in framework.roles.values()],
        paths=list(framework.moves),
    )


def _role(framework: Framework, role: Role) -> DocumentRole:
    levels = []
    for level in role.levels:
        ref = f"{role.id}@{level.id}"
        expected = {part.competency: part for part in framework.expected(ref)}
        expects = []
        for change in framework.what_is_new(ref):
            expectation = level.expectation(change.competency)
            expects.append(
                DocumentExpectation(
                    competency=change.competency,
                    step=change.step,
                    note=expectation.note if expectation is not None else None,
                    expected=[b.ref for b in expected[change.competency].behaviours],
                    new=[
                        DocumentNewBehaviour(
                            ref=new.info.ref, replaces=[r.ref for r in new.replaces]
                        )
                        for new in change.new
                    ],
                    inherited=[b.ref for b in change.inherited],
                )
            )
        levels.append(
            DocumentLevel(
                id=level.id,
                ref=ref,
                title=level.title,
                grade=level.grade,
                summary=level.summary,
                scope=level.scope,
                metrics=list(level.metrics),
                expects=expects,
            )
        )
    return DocumentRole(
        id=role.id,
        title=role.title,
        track=role.track,
        family=role.family,
        summary=role.summary,
        why=role.why,
        levels=levels,
    )


def document_json(framework: Framework) -> str:
    """The resolved framework as JSON text, keys in a fixed order, ending with a newline."""
    data = framework_document(framework).model_dump(mode="json", by_alias=True)
    # Line separators and C1 controls as \\u escapes: printed (--out -), no raw one.
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
