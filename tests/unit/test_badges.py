"""Open Badges 3.0: a confirmed level as an OpenBadgeCredential, signed and verified."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from competency import load_evidence
from competency.framework import Framework
from competency.interop.badges import (
    BadgeError,
    Issuer,
    check_badge,
    issue_badge,
    sign_badge,
    verify_badge,
)
from tests.conftest import EXAMPLES, MATRICES, Run

jwk = pytest.importorskip("joserfc.jwk")

ISSUER = Issuer(
    "https://support.example.com/issuer", "Example Support", "https://support.example.com"
)
ISSUED = datetime(2026, 6, 1, tzinfo=UTC)


def _badge(framework: Framework, **more: Any) -> dict[str, Any]:
    person = load_evidence(EXAMPLES / "hana-s.yaml", framework)
    return issue_badge(
        framework,
        person,
        ISSUER,
        "hana@example.com",
        as_of=date(2026, 6, 1),
        issued=ISSUED,
        salt="pepper",
        **more,
    )


def _keys() -> tuple[dict[str, Any], dict[str, Any]]:
    key = jwk.OKPKey.generate_key("Ed25519", private=True)
    return key.as_dict(private=True), key.as_dict(private=False)


def test_a_confirmed_level_gives_a_credential_that_fits_the_schema(framework: Framework) -> None:
    """The badge for Hana's confirmed level validates against the Open Badges 3.0 schema."""
    credential = _badge(framework)
    assert check_badge(credential) == []
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["humanCode"] == "quality-assurance-analyst@qa1"
    assert credential["awardedDate"] == "2026-03-02T00:00:00Z"
    expected = {e.competency for e in framework.expected("quality-assurance-analyst@qa1")}
    assert expected == {a["targetCode"] for a in achievement["alignment"]}


def test_the_recipient_is_a_salted_hash_never_the_address(framework: Framework) -> None:
    """The identity is sha256 of address and salt; the address appears nowhere."""
    credential = _badge(framework)
    identity = credential["credentialSubject"]["identifier"][0]
    digest = hashlib.sha256(b"hana@example.compepper").hexdigest()
    assert f"sha256${digest}" == identity["identityHash"]
    assert "hana@example.com" not in json.dumps(credential)


def test_evidence_goes_in_only_when_chosen(framework: Framework) -> None:
    """No evidence by default; a named item is included, an unknown id is refused."""
    assert "evidence" not in _badge(framework)
    person = load_evidence(EXAMPLES / "hana-s.yaml", framework)
    ident = next(i.id for i in person.items if i.id is not None)
    assert [ident] == [e["name"] for e in _badge(framework, evidence_ids=(ident,))["evidence"]]
    with pytest.raises(BadgeError, match="no evidence item"):
        _badge(framework, evidence_ids=("no-such-item",))


def test_no_confirmed_level_at_the_date_is_refused(framework: Framework) -> None:
    """Before the first confirmation there is no badge to issue."""
    person = load_evidence(EXAMPLES / "hana-s.yaml", framework)
    with pytest.raises(BadgeError, match="no level confirmed on or before 2024-01-01"):
        issue_badge(framework, person, ISSUER, "h@x", as_of=date(2024, 1, 1), issued=ISSUED)


def test_a_signed_badge_verifies_and_a_wrong_key_or_edit_does_not(framework: Framework) -> None:
    """VC-JWT with EdDSA: the issuer's public key verifies it; another key or a change fails."""
    private, public = _keys()
    credential = _badge(framework)
    token = sign_badge(credential, private)
    assert credential == verify_badge(token, public)
    with pytest.raises(BadgeError, match="does not verify"):
        verify_badge(token, _keys()[1])
    head, body, signature = token.split(".")
    with pytest.raises(BadgeError, match="does not verify"):
        verify_badge(f"{head}.{body[:-4]}AAAA.{signature}", public)


def test_signing_needs_the_private_ed25519_key(framework: Framework) -> None:
    """A public key cannot sign, and a key of another kind is refused."""
    _, public = _keys()
    with pytest.raises(BadgeError, match="private key"):
        sign_badge(_badge(framework), public)
    with pytest.raises(BadgeError, match="Ed25519"):
        sign_badge(_badge(framework), {"kty": "RSA"})


def test_the_issuer_file_is_checked() -> None:
    """A missing name or an unknown key in the issuer file is a clear error."""
    with pytest.raises(BadgeError, match="needs name"):
        Issuer.from_data({"id": "x", "url": "y"})
    with pytest.raises(BadgeError, match="unknown keys: colour"):
        Issuer.from_data({"id": "x", "name": "n", "url": "y", "colour": "red"})


def test_badge_command_signs_and_verifies(cli: Callable[..., Run], tmp_path: Path) -> None:
    """badge --key writes a VC-JWT that badge --verify accepts (exit 0) with the public key."""
    private, public = _keys()
    (tmp_path / "key.jwk").write_text(json.dumps(private), encoding="utf-8")
    (tmp_path / "pub.jwk").write_text(json.dumps(public), encoding="utf-8")
    issuer = tmp_path / "issuer.yaml"
    issuer.write_text("id: https://e.example/i\nname: E\nurl: https://e.example\n", "utf-8")
    out = tmp_path / "b.jwt"
    run = cli(
        "badge",
        EXAMPLES / "hana-s.yaml",
        "--matrices",
        MATRICES,
        "--issuer",
        issuer,
        "--recipient",
        "hana@example.com",
        "--as-of",
        "2026-06-01",
        "--key",
        tmp_path / "key.jwk",
        "--out",
        out,
    )
    assert run.status == 0, run.err
    assert cli("badge", "--verify", out, "--key", tmp_path / "pub.jwk").status == 0
    late = cli(
        "badge",
        EXAMPLES / "hana-s.yaml",
        "--matrices",
        MATRICES,
        "--issuer",
        issuer,
        "--recipient",
        "h@x",
        "--as-of",
        "2024-01-01",
    )
    assert (
        late.status,
        late.err,
    ) == (1, "error: hana-s has no level confirmed on or before 2024-01-01\n")
