"""Every validation rule: plain data -> typed models, or positioned diagnostics.

- `check_document` / `check_model`: one document against its kind's model
  (or any model, such as a policy file's).
- `check_framework`: a framework folder's documents, with every cross-file
  rule (`rules`), into a `Framework`; incrementally with a `FrameworkCache`.
- `check_evidence`: one evidence file against a framework;
  `EvidenceSet`: the rules that span several evidence files;
  `check_mapping`: an evidence mapping (1.2), against a framework when given.
- `suppress`: which warnings a run drops (``lint`` settings, ``# competency:
  ignore[...]`` comments, `LintOptions`), applied by the two above.

Nothing here reads files, prints or raises on bad data: problems are
collected and returned. A new rule goes into `rules` (or `quality` for
wording warnings), with its code in `competency.diagnostics`.
"""

from __future__ import annotations

from competency.check._document import check_document, check_model
from competency.check.evidence import EvidenceSet, check_evidence, check_mapping
from competency.check.framework import CheckedFramework, FrameworkCache, check_framework
from competency.check.suppress import LintOptions, SuppressionError

__all__ = [
    "CheckedFramework",
    "EvidenceSet",
    "FrameworkCache",
    "LintOptions",
    "SuppressionError",
    "check_document",
    "check_evidence",
    "check_framework",
    "check_mapping",
    "check_model",
]
