"""``competency gap``, ``level``, ``team`` and ``template evidence`` from the command line.

Each test writes a tiny framework and a few evidence files into a temporary
folder (made the current directory), runs one command in-process and checks
its output and exit status. The shipped examples get a smoke test each.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, MATRICES, Run

Cli = Callable[..., Run]

FRAMEWORK = {
    "framework.yaml": """\
format: competency/v1
kind: framework
id: tiny
title: Tiny ladder
version: 2.0.0
scale:
  - {id: learning, name: Learning}
  - {id: practising, name: Practising}
  - {id: proficient, name: Proficient}
categories:
  - {id: craft, name: Craft}
tracks:
  - {id: ic, name: Individual contributor}
grades:
  - {id: g1, name: Associate}
  - {id: g2, name: Intermediate}
readiness:
  max_age_months: 12
""",
    "competencies/writing.yaml": """\
format: competency/v1
kind: competency
id: writing
name: Writing
category: craft
steps:
  learning:
    behaviours:
      - {id: plain-words, text: Writes replies in plain words without internal jargon.}
  practising:
    behaviours:
      - {id: states-next-step, text: Ends each reply with the next step and who takes it.}
""",
    "competencies/fixing.yaml": """\
format: competency/v1
kind: competency
id: fixing
name: Fixing
category: craft
steps:
  practising:
    behaviours:
      - {id: reproduces-first, text: Reproduces the problem before escalating it.}
  proficient:
    behaviours:
      - {id: finds-root-cause, text: Separates the root cause from the symptoms.}
""",
    "roles/agent.yaml": """\
format: competency/v1
kind: role
id: agent
title: Agent
track: ic
levels:
  - id: a1
    title: Agent I
    grade: g1
    expects: {writing: learning, fixing: practising}
  - id: a2
    title: Agent II
    grade: g2
    expects: {writing: practising, fixing: proficient}
""",
    "paths.yaml": """\
format: competency/v1
kind: paths
moves:
  - {from: agent@a1, to: agent@a2, type: promotion}
""",
}

ALMOST_A2 = "writing.plain-words, writing.states-next-step, fixing.reproduces-first"
ALL_A2 = ALMOST_A2 + ", fixing.finds-root-cause"


def evidence(
    person: str, shows: str = "", level: str | None = "a1", source: str = "manager"
) -> str:
    """An evidence file with one item showing `shows` (none when empty)."""
    lines = [
        "format: competency/v1",
        "kind: evidence",
        f"person: {{id: {person}, name: {person.capitalize()}}}",
        "role: agent",
    ]
    if level is not None:
        lines.append(f"level: {level}")
    if shows:
        lines += [
            "items:",
            "  - id: big-ticket",
            "    date: 2026-10-01",
            f"    source: {source}",
            "    summary: Handled the big ticket end to end.",
            f"    shows: [{shows}]",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with matrices/ (the tiny framework) and people/ (three evidence files)."""
    for name, text in FRAMEWORK.items():
        path = tmp_path / "matrices" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    people = tmp_path / "people"
    people.mkdir()
    (people / "ready.yaml").write_text(evidence("rea", ALL_A2), encoding="utf-8")
    (people / "almost.yaml").write_text(evidence("alm", ALMOST_A2), encoding="utf-8")
    (people / "nothing.yaml").write_text(evidence("non"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


AS_OF = ("--as-of", "2026-11-01")


# --- gap ------------------------------------------------------------------------------


def test_gap_prints_the_verdict_near_the_top(cli: Cli, world: Path) -> None:
    """The second line of the text report gives the verdict."""
    result = cli("gap", "people/ready.yaml", *AS_OF)
    assert (result.status, result.out.splitlines()[1].split(":")[:2]) == (0, ["Verdict", " ready"])


def test_gap_text_shows_each_behaviour_with_status_and_evidence(cli: Cli, world: Path) -> None:
    """A behaviour line names its status, reference and the items behind it."""
    out = cli("gap", "people/almost.yaml", *AS_OF).out
    lines = [
        line.split() for line in out.splitlines() if "fixing." in line and "big-ticket" in line
    ]
    assert lines == [["evidenced", "fixing.reproduces-first", "big-ticket"]]


def test_gap_text_gives_next_steps_for_unmet_competencies(cli: Cli, world: Path) -> None:
    """The missing behaviour of the partial competency is a next step."""
    out = cli("gap", "people/almost.yaml", *AS_OF).out
    steps = out[out.index("Next steps") :].splitlines()
    assert steps[1:3] == [
        "  fixing (partial)",
        "    - fixing.finds-root-cause: show it: no evidence yet",
    ]


def test_gap_exits_0_whatever_the_verdict(cli: Cli, world: Path) -> None:
    """A not-yet verdict is not an error."""
    result = cli("gap", "people/nothing.yaml", *AS_OF)
    assert (result.status, "Verdict: not-yet" in result.out) == (0, True)


def test_gap_fail_unless_ready_exits_1_when_almost(cli: Cli, world: Path) -> None:
    """--fail-unless ready enforces the verdict."""
    assert cli("gap", "people/almost.yaml", *AS_OF, "--fail-unless", "ready").status == 1


def test_gap_fail_unless_almost_exits_0_when_almost(cli: Cli, world: Path) -> None:
    """almost is good enough for --fail-unless almost."""
    assert cli("gap", "people/almost.yaml", *AS_OF, "--fail-unless", "almost").status == 0


def test_gap_fail_unless_almost_exits_1_when_not_yet(cli: Cli, world: Path) -> None:
    """not-yet is worse than almost."""
    assert cli("gap", "people/nothing.yaml", *AS_OF, "--fail-unless", "almost").status == 1


def test_gap_json_follows_the_contract(cli: Cli, world: Path) -> None:
    """--format json prints the section 8 keys first, in order."""
    data = json.loads(cli("gap", "people/almost.yaml", *AS_OF, "--format", "json").out)
    assert list(data)[:9] == [
        "person",
        "target",
        "as_of",
        "framework",
        "verdict",
        "competencies",
        "disagreements",
        "beyond_target",
        "ignored_items",
    ]


def test_gap_json_names_person_target_and_verdict(cli: Cli, world: Path) -> None:
    """The default target is the level after the named one."""
    data = json.loads(cli("gap", "people/almost.yaml", *AS_OF, "--format", "json").out)
    assert (data["person"], data["target"], data["verdict"]) == ("alm", "agent@a2", "almost")


def test_gap_markdown_is_a_document_with_a_heading(cli: Cli, world: Path) -> None:
    """--format md starts with a level-one heading naming the person and target."""
    out = cli("gap", "people/almost.yaml", *AS_OF, "--format", "md").out
    assert out.splitlines()[0] == "# Alm (`alm`): gap to Agent II (`agent@a2`)"


def test_gap_without_a_level_or_target_exits_2(cli: Cli, world: Path) -> None:
    """No level and no --target: nothing to aim at, said plainly."""
    Path("who.yaml").write_text(evidence("who", level=None), encoding="utf-8")
    result = cli("gap", "who.yaml")
    assert (result.status, "names no target and no current level" in result.err) == (2, True)


def test_gap_at_the_top_level_without_a_target_exits_2(cli: Cli, world: Path) -> None:
    """At the top level there is no level above to aim at."""
    Path("top.yaml").write_text(evidence("top", level="a2"), encoding="utf-8")
    result = cli("gap", "top.yaml")
    assert (result.status, "highest level of agent" in result.err) == (2, True)


def test_gap_unknown_target_exits_2_with_a_hint(cli: Cli, world: Path) -> None:
    """A mistyped --target gets a suggestion."""
    result = cli("gap", "people/ready.yaml", "--target", "agnet@a2")
    assert (result.status, "did you mean 'agent@a2'" in result.err) == (2, True)


def test_gap_bad_as_of_exits_2(cli: Cli, world: Path) -> None:
    """An as-of date that is not YYYY-MM-DD is a usage error."""
    assert cli("gap", "people/ready.yaml", "--as-of", "1 Nov 2026").status == 2


def test_gap_as_of_that_is_not_a_day_exits_2_saying_so(cli: Cli, world: Path) -> None:
    """2026-02-30 has the right form but is no day; the message says that, not 'wrong format'."""
    result = cli("gap", "people/ready.yaml", "--as-of", "2026-02-30")
    assert (result.status, "'2026-02-30' is not a day of the calendar" in result.err) == (2, True)


def test_gap_as_of_accepts_only_year_month_day(cli: Cli, world: Path) -> None:
    """An ISO week date is a date, but not one written YYYY-MM-DD."""
    result = cli("gap", "people/ready.yaml", "--as-of", "2026-W44-7")
    assert (result.status, "expected a date written YYYY-MM-DD" in result.err) == (2, True)


def test_gap_folder_as_evidence_exits_2(cli: Cli, world: Path) -> None:
    """EVIDENCE is one file; a folder is wrong usage, said plainly."""
    result = cli("gap", "people")
    assert (result.status, "is a directory" in result.err) == (2, True)


def test_gap_file_of_another_kind_exits_1_at_its_kind(cli: Cli, world: Path) -> None:
    """A role file given as EVIDENCE is refused with a diagnostic at its kind."""
    role = str(Path("matrices", "roles", "agent.yaml"))
    result = cli("gap", role)
    assert (result.status, result.err.splitlines()[0]) == (
        1,
        f"{role}:2:7: error F101 expected an evidence file, got kind 'role'",
    )


@pytest.mark.parametrize(
    ("command", "output"), [("gap", "pdf"), ("level", "pdf"), ("team", "xlsx")]
)
def test_binary_format_on_a_terminal_exits_2_before_any_work(
    cli: Cli, world: Path, monkeypatch: pytest.MonkeyPatch, command: str, output: str
) -> None:
    """PDF or xlsx to a terminal is refused while parsing, before the framework is read."""

    def must_not_load(matrices: str) -> None:
        raise AssertionError("the framework was read")

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr("competency.cli._analysis._load_framework", must_not_load)
    argument = "people" if command == "team" else "people/ready.yaml"
    result = cli(command, argument, "--format", output)
    assert (result.status, f"{output} is binary: redirect it to a file" in result.err) == (2, True)


def test_gap_locale_that_is_not_a_locale_code_exits_2(cli: Cli, world: Path) -> None:
    """--locale is checked as `render` checks it."""
    result = cli("gap", "people/ready.yaml", "--format", "html", "--locale", "../fr")
    assert (result.status, "is not a locale code" in result.err) == (2, True)


def test_gap_unknown_source_exits_2(cli: Cli, world: Path) -> None:
    """--sources accepts only the known sources."""
    result = cli("gap", "people/ready.yaml", "--sources", "manager,boss")
    assert (result.status, "boss" in result.err) == (2, True)


def test_gap_missing_evidence_file_exits_2(cli: Cli, world: Path) -> None:
    """A file that does not exist cannot be analysed."""
    assert cli("gap", "people/nobody.yaml").status == 2


def test_gap_broken_evidence_prints_positioned_diagnostics_and_exits_1(
    cli: Cli, world: Path
) -> None:
    """An unknown source in the evidence is reported at its line and column."""
    Path("bad.yaml").write_text(evidence("bad", ALL_A2, source="boss"), encoding="utf-8")
    result = cli("gap", "bad.yaml")
    assert (result.status, result.err.startswith("bad.yaml:9:13: error S106 ")) == (1, True)


def test_gap_folder_without_a_framework_is_wrong_usage(cli: Cli, world: Path) -> None:
    """--matrices must name a framework folder: another folder is exit 2, nothing read."""
    Path("empty").mkdir()
    result = cli("gap", "people/ready.yaml", "--matrices", "empty")
    assert (result.status, "not a framework folder (no framework.yaml): empty" in result.err) == (
        2,
        True,
    )


def test_gap_policy_options_override_the_framework_policy(cli: Cli, world: Path) -> None:
    """--min-items 2 makes single items thin, and the report shows the policy used."""
    out = cli("gap", "people/ready.yaml", *AS_OF, "--min-items", "2", "--format", "json").out
    data = json.loads(out)
    assert (data["policy"]["min_items"], data["verdict"]) == (2, "not-yet")


def test_gap_sources_option_ignores_other_sources(cli: Cli, world: Path) -> None:
    """With --sources self, the manager's item is ignored and listed as such."""
    out = cli("gap", "people/ready.yaml", *AS_OF, "--sources", "self", "--format", "json").out
    ignored = json.loads(out)["ignored_items"]
    assert [(i["item"], i["reason"]) for i in ignored] == [("big-ticket", "source-not-accepted")]


def test_gap_policy_file_overrides_only_the_keys_it_sets(cli: Cli, world: Path) -> None:
    """A policy file with min_sources keeps the framework's max_age_months (12)."""
    Path("policy.yaml").write_text("min_sources: 2\n", encoding="utf-8")
    out = cli("gap", "people/ready.yaml", *AS_OF, "--policy", "policy.yaml", "--format", "json")
    policy = json.loads(out.out)["policy"]
    assert (policy["min_sources"], policy["max_age_months"]) == (2, 12)


def test_gap_policy_file_errors_are_positioned_and_exit_1(cli: Cli, world: Path) -> None:
    """A mistyped key in the policy file is reported where it is, with a hint."""
    Path("policy.yaml").write_text("min_items: 2\nmin_source: 2\n", encoding="utf-8")
    result = cli("gap", "people/ready.yaml", "--policy", "policy.yaml")
    assert (result.status, result.err.splitlines()[0]) == (
        1,
        "policy.yaml:2:1: error S100 unknown key 'min_source'; did you mean 'min_sources'?",
    )


def test_gap_as_of_leaves_out_later_items(cli: Cli, world: Path) -> None:
    """Judged before the item's date, the item is ignored as after-as-of."""
    out = cli("gap", "people/ready.yaml", "--as-of", "2026-09-01", "--format", "json").out
    data = json.loads(out)
    assert (data["verdict"], data["ignored_items"][0]["reason"]) == ("not-yet", "after-as-of")


def test_gap_text_has_no_colour_codes_under_no_color(cli: Cli, world: Path) -> None:
    """NO_COLOR (set by the cli fixture) keeps escape codes out."""
    assert "\x1b[" not in cli("gap", "people/almost.yaml", *AS_OF).out


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_gap_prints_a_report_for_each_example(cli: Cli, example: Path) -> None:
    """Every shipped example gets a report against its default target, or the one it names."""
    target = ["--target", "customer-success-manager@csm1a"] if example.stem == "mateo-s" else []
    result = cli("gap", example, "--matrices", MATRICES, *AS_OF, *target)
    assert (result.status, result.out.splitlines()[1][:8]) == (0, "Verdict:")


# --- level ------------------------------------------------------------------------------


def test_level_names_the_current_level(cli: Cli, world: Path) -> None:
    """Someone who has shown everything is at the top, agent@a2."""
    out = cli("level", "people/ready.yaml", *AS_OF).out
    assert out.splitlines()[1] == "Current level: agent@a2"


def test_level_json_lists_every_level_lowest_first(cli: Cli, world: Path) -> None:
    """The almost person is ready for a1 and almost for a2."""
    data = json.loads(cli("level", "people/almost.yaml", *AS_OF, "--format", "json").out)
    assert [(e["level"], e["verdict"]) for e in data["levels"]] == [
        ("agent@a1", "ready"),
        ("agent@a2", "almost"),
    ]


def test_level_lists_the_moves_open(cli: Cli, world: Path) -> None:
    """The promotion from a1 to a2 is listed with its verdict."""
    data = json.loads(cli("level", "people/almost.yaml", *AS_OF, "--format", "json").out)
    assert [(m["from"], m["to"], m["type"], m["verdict"]) for m in data["moves"]] == [
        ("agent@a1", "agent@a2", "promotion", "almost")
    ]


def test_level_markdown_has_a_table(cli: Cli, world: Path) -> None:
    """--format md gives a Markdown table of the levels."""
    out = cli("level", "people/almost.yaml", *AS_OF, "--format", "md").out
    assert "| Level | Title | Verdict | Met | Partial | Gap |" in out.splitlines()


# --- team -------------------------------------------------------------------------------


def test_team_summarises_every_person(cli: Cli, world: Path) -> None:
    """Three files, three people, and the verdict counts."""
    result = cli("team", "people", *AS_OF)
    assert (result.status, result.out.splitlines()[1]) == (
        0,
        "Next-level verdicts: 1 ready, 1 almost, 1 not-yet",
    )


def test_team_reports_broken_files_and_still_analyses_the_rest(cli: Cli, world: Path) -> None:
    """A broken file is reported on stderr with its position; the others are summarised."""
    (world / "people" / "bad.yaml").write_text(evidence("bad", ALL_A2, source="boss"), "utf-8")
    result = cli("team", "people", *AS_OF, "--format", "json")
    people = [p["person"] for p in json.loads(result.out)["people"]]
    where = str(Path("people", "bad.yaml")) + ":9:13: error S106"
    assert (result.status, people, result.err.startswith(where)) == (
        1,
        ["alm", "non", "rea"],
        True,
    )


def test_team_csv_has_a_header_and_a_row_per_person(cli: Cli, world: Path) -> None:
    """--format csv: one header and one row per person, file first."""
    rows = cli("team", "people", *AS_OF, "--format", "csv").out.splitlines()
    assert (rows[0].split(",")[:2], len(rows)) == (["file", "person"], 4)


def test_team_csv_row_gives_levels_and_verdict(cli: Cli, world: Path) -> None:
    """The ready person's row: named level, current level, next level, verdict, counts."""
    rows = cli("team", "people", *AS_OF, "--format", "csv").out.splitlines()
    ready = next(row for row in rows if ",rea," in row)
    assert ready.split(",")[4:] == ["agent@a1", "agent@a2", "agent@a2", "ready", "2", "0", "0"]


def test_team_json_gives_the_bench(cli: Cli, world: Path) -> None:
    """Who is ready and almost ready for agent@a2."""
    data = json.loads(cli("team", "people", *AS_OF, "--format", "json").out)
    assert data["bench"] == [
        {"level": "agent@a2", "title": "Agent II", "ready": ["rea"], "almost": ["alm"]}
    ]


def test_team_markdown_has_a_section_per_view(cli: Cli, world: Path) -> None:
    """--format md has people, competencies, training needs and bench sections."""
    out = cli("team", "people", *AS_OF, "--format", "md").out
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## People",
        "## Competencies at each person's next level",
        "## Training needs",
        "## Bench",
    ]


def test_team_folder_without_yaml_files_exits_1(cli: Cli, world: Path) -> None:
    """An empty folder is reported, not silently summarised as nobody."""
    Path("nobody").mkdir()
    result = cli("team", "nobody")
    assert (result.status, "no YAML files" in result.err) == (1, True)


def test_team_shows_no_progress_bar_when_stderr_is_not_a_terminal(
    cli: Cli, world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even past the file count that shows one on a terminal, captured stderr stays empty."""
    monkeypatch.setattr("competency.cli._analysis.PROGRESS_FROM", 1)
    assert cli("team", "people", *AS_OF).err == ""


def test_team_summarises_the_examples(cli: Cli) -> None:
    """``competency team examples`` lists every example person."""
    result = cli("team", EXAMPLES, "--matrices", MATRICES, *AS_OF, "--format", "json")
    people = sorted(p["person"] for p in json.loads(result.out)["people"])
    assert (result.status, people) == (0, sorted(p.stem for p in EXAMPLES.glob("*.yaml")))


# --- template ---------------------------------------------------------------------------


def test_template_starts_with_the_schema_modeline(cli: Cli, world: Path) -> None:
    """Printed to stdout, the first line points editors at the evidence schema."""
    out = cli("template", "evidence", "--target", "agent@a2").out
    assert out.splitlines()[0].startswith("# yaml-language-server: $schema=")


def test_template_lists_every_expected_behaviour_reference(cli: Cli, world: Path) -> None:
    """Each behaviour agent@a2 expects is listed by reference in a commented item's shows."""
    out = cli("template", "evidence", "--target", "agent@a2").out
    # One commented item per competency (the scaffold `new evidence` writes too), so each
    # reference is a list entry of its `shows`.
    pattern = r"#       - [a-z-]+\.[a-z-]+"
    refs = [line[10:] for line in out.splitlines() if re.fullmatch(pattern, line)]
    assert refs == ALL_A2.split(", ")


def test_template_file_is_valid_as_written(cli: Cli, world: Path) -> None:
    """The written file passes validate with the framework."""
    cli("template", "evidence", "--target", "agent@a2", "--person", "kim", "-o", "kim.yaml")
    assert cli("validate", "kim.yaml", "--matrices", "matrices").status == 0


def test_template_file_aims_gap_at_its_target(cli: Cli, world: Path) -> None:
    """The template names the level below, so gap's default target is the template's."""
    cli("template", "evidence", "--target", "agent@a2", "-o", "me.yaml")
    data = json.loads(cli("gap", "me.yaml", *AS_OF, "--format", "json").out)
    assert (data["person"], data["target"]) == ("replace-me", "agent@a2")


def test_template_refuses_to_overwrite_a_file(cli: Cli, world: Path) -> None:
    """Without --force an existing file is left alone and the command exits 2."""
    Path("me.yaml").write_text("keep me\n", encoding="utf-8")
    result = cli("template", "evidence", "--target", "agent@a2", "-o", "me.yaml")
    assert (result.status, Path("me.yaml").read_text(encoding="utf-8")) == (2, "keep me\n")


def test_template_force_overwrites_a_file(cli: Cli, world: Path) -> None:
    """With --force the file is replaced."""
    Path("me.yaml").write_text("keep me\n", encoding="utf-8")
    cli("template", "evidence", "--target", "agent@a2", "-o", "me.yaml", "--force")
    assert Path("me.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_template_rejects_a_person_that_is_not_an_id(cli: Cli, world: Path) -> None:
    """--person must be a kebab-case id."""
    assert cli("template", "evidence", "--target", "agent@a2", "--person", "Kim Lee").status == 2


def test_template_unknown_target_exits_2(cli: Cli, world: Path) -> None:
    """An unknown level cannot be templated."""
    assert cli("template", "evidence", "--target", "agent@a9").status == 2


def test_template_output_that_cannot_be_written_exits_2_saying_why(cli: Cli, world: Path) -> None:
    """-o below a file cannot be written: a plain message naming it, not an internal error."""
    output = str(Path("people", "ready.yaml", "me.yaml"))
    result = cli("template", "evidence", "--target", "agent@a2", "-o", output)
    assert (result.status, result.err.startswith(f"Error: cannot write {output}: ")) == (2, True)
