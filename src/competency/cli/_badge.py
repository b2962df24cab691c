"""``competency badge``: an Open Badges 3.0 credential for a confirmed level, and its check.

Exit status: ``0`` written (or verified); ``1`` the input has errors, no
level is confirmed at the date, or the signature does not verify; ``2``
wrong usage, or the ``badges`` extra missing for --key.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
import yaml

from competency.check.suppress import LintOptions
from competency.cli._analysis import _day, _load_evidence, _load_framework
from competency.cli._common import EXIT_ERRORS, ignore_option, locale_option, refuse, shown
from competency.clock import release_time, today
from competency.diagnostics import MissingExtraError
from competency.files import WriteError, write_file
from competency.interop.badges import BadgeError, Issuer, issue_badge, sign_badge, verify_badge
from competency.names import Names

__all__ = ["COMMANDS", "badge"]


def _fail(message: str) -> None:
    click.echo(f"error: {shown(message)}", err=True)
    raise click.exceptions.Exit(EXIT_ERRORS)


def _json_file(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        _fail(f"{path}: cannot read {what}: {error}")


def _issuer(path: str) -> Issuer:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        _fail(f"{path}: cannot read the issuer file: {error}")
    try:
        return Issuer.from_data(data)
    except BadgeError as error:
        _fail(f"{path}: {error}")
        raise  # pragma: no cover - _fail exits


@click.command()
@click.argument("evidence", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--matrices",
    type=click.Path(),
    default="matrices",
    show_default=True,
    help="The framework folder.",
)
@click.option(
    "--issuer",
    "issuer_file",
    type=click.Path(exists=True, dir_okay=False),
    help="YAML: id, name, url, optional email and image.",
)
@click.option(
    "--recipient", metavar="EMAIL", help="The person's email; only its salted hash is written."
)
@click.option(
    "--as-of",
    callback=_day,
    metavar="YYYY-MM-DD",
    help="The level confirmed on this day (default: today).",
)
@click.option(
    "--evidence",
    "evidence_ids",
    multiple=True,
    metavar="ITEM_ID",
    help="An evidence item to include (repeatable; none by default).",
)
@click.option(
    "--key",
    "key_file",
    type=click.Path(exists=True, dir_okay=False),
    help="An Ed25519 JWK: private to sign (VC-JWT), public with --verify.",
)
@click.option(
    "--verify",
    "verify_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Check a signed badge (VC-JWT) with the public --key instead of issuing.",
)
@click.option(
    "--out",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write; - is standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@locale_option("Texts of the achievement.")
@ignore_option
def badge(
    evidence: str | None,
    matrices: str,
    issuer_file: str | None,
    recipient: str | None,
    as_of: date | None,
    evidence_ids: tuple[str, ...],
    key_file: str | None,
    verify_file: str | None,
    out: str,
    force: bool,
    locale: str | None,
    lint: LintOptions,
) -> None:
    """Issue an Open Badges 3.0 credential for the level confirmed in EVIDENCE.

    The achievement is the level confirmed on --as-of (its history, or
    confirmed): its id is the level's CASE identifier, its criteria what the
    level expects, its alignments the CASE items of its competencies. The
    recipient is a salted SHA-256 hash of --recipient, never the address.
    Evidence items go in only when named with --evidence. Unsigned JSON by
    default; with --key (an Ed25519 private JWK) a VC-JWT signed with EdDSA
    (needs the badges extra). --verify FILE --key PUBLIC checks a signed
    badge's signature and its shape against the Open Badges 3.0 schema.
    Exit status: 0 written or verified; 1 no confirmed level, bad input or
    a signature that does not verify; 2 wrong usage.

    Example:

    \b
        competency badge examples/hana-s.yaml --issuer issuer.yaml \\
            --recipient hana@example.com --key issuer.jwk --out hana.jwt
        competency badge --verify hana.jwt --key issuer.public.jwk
    """
    try:
        if verify_file is not None:
            if key_file is None:
                raise click.UsageError("--verify needs --key, the issuer's public JWK")
            token = Path(verify_file).read_text(encoding="utf-8")
            credential = verify_badge(token, _json_file(key_file, "the key"))
            click.echo(f"verified: {shown(credential['name'])} ({shown(credential['id'])})")
            return
        if evidence is None or issuer_file is None or recipient is None:
            raise click.UsageError("issuing a badge needs EVIDENCE, --issuer and --recipient")
        framework = _load_framework(matrices)
        person = _load_evidence(evidence, framework, lint)
        credential = issue_badge(
            framework,
            person,
            _issuer(issuer_file),
            recipient,
            as_of=as_of or today(),
            issued=release_time(),
            evidence_ids=evidence_ids,
            names=Names(framework, locale),  # the command's one translator
        )
        if key_file is not None:
            text = sign_badge(credential, _json_file(key_file, "the key")) + "\n"
        else:
            text = json.dumps(credential, indent=2, ensure_ascii=False) + "\n"
    except BadgeError as error:
        _fail(str(error))
        return
    except MissingExtraError as error:
        refuse(error)
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        write_file(out, text.encode("utf-8"), replace=force)
    except WriteError as error:
        refuse(error)
    click.echo(f"wrote {shown(out)}", err=True)


COMMANDS = [badge]
