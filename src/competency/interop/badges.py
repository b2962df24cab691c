"""``competency badge``: an Open Badges 3.0 OpenBadgeCredential for a confirmed level.

The credential (a W3C Verifiable Credential, data model 2.0 as the shipped
schema asks: ``validFrom``) says that the person was confirmed at a level: the
achievement is the level (its id the level's CASE identifier, its criteria
what the level expects, its alignments the CASE items of its
competencies); the recipient is an ``IdentityObject`` holding a salted
SHA-256 hash of an email address, never the address; the issuer is a
``Profile``; evidence items are only those the person chose.

Every credential is checked against the official Open Badges 3.0 JSON
Schema (``ob_v3p0_achievementcredential_schema.json``, `SCHEMA_ID`) before
it is returned. Signing (VC-JWT, EdDSA over an Ed25519 key given as a JWK)
and verifying need the ``badges`` extra (joserfc), imported on first use.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from competency.diagnostics import CompetencyError, require_extra
from competency.framework import Framework
from competency.interop.case import _CASE_NAMESPACE
from competency.model import Evidence
from competency.names import Names, names_for

__all__ = [
    "SCHEMA_ID",
    "BadgeError",
    "Issuer",
    "badge_schema",
    "check_badge",
    "issue_badge",
    "sign_badge",
    "verify_badge",
]

#: The official schema shipped with the package: Open Badges 3.0, AchievementCredential
#: (1EdTech's openbadges-specification, docs/schema/achievementcredential.json as of
#: 2024-07-30, its $id ob_v3p0_achievementcredential-jsonschema1.json: VC data model 2.0).
SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


class BadgeError(CompetencyError, ValueError):
    """A badge that cannot be issued or verified: no confirmed level, a bad key or token."""


@dataclass(frozen=True)
class Issuer:
    """Who issues the badge: the issuer file's ``id``, ``name``, ``url``, ``email``, ``image``."""

    id: str
    name: str
    url: str
    email: str | None = None
    image: str | None = None

    @classmethod
    def from_data(cls, data: Any) -> Issuer:
        """The issuer in a parsed YAML mapping; `BadgeError` naming what is missing or wrong."""
        if not isinstance(data, dict):
            raise BadgeError("the issuer file must be a mapping with id, name and url")
        known = {"id", "name", "url", "email", "image"}
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise BadgeError(f"the issuer file has unknown keys: {', '.join(unknown)}")
        for key in ("id", "name", "url"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise BadgeError(f"the issuer file needs {key} (text)")
        for key in ("email", "image"):
            if key in data and not isinstance(data[key], str):
                raise BadgeError(f"the issuer file's {key} must be text")
        return cls(data["id"], data["name"], data["url"], data.get("email"), data.get("image"))

    def profile(self) -> dict[str, Any]:
        """The issuer as an Open Badges ``Profile``."""
        found: dict[str, Any] = {"id": self.id, "type": ["Profile"], "name": self.name}
        found["url"] = self.url
        if self.email:
            found["email"] = self.email
        if self.image:
            found["image"] = {"id": self.image, "type": "Image"}
        return found


@cache
def badge_schema() -> dict[str, Any]:
    """The official Open Badges 3.0 AchievementCredential JSON Schema shipped here."""
    name = "ob_v3p0_achievementcredential_schema.json"
    text = resources.files("competency.interop").joinpath(name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def check_badge(credential: Any) -> list[str]:
    """Why `credential` is no Open Badges 3.0 OpenBadgeCredential (empty when it is one)."""
    from jsonschema import Draft201909Validator

    validator = Draft201909Validator(badge_schema())
    problems = [
        f"/{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in sorted(validator.iter_errors(credential), key=lambda e: str(e.absolute_path))
    ]
    types = credential.get("type") if isinstance(credential, dict) else None
    if not isinstance(types, list) or "OpenBadgeCredential" not in types:
        problems.append("/type: not an OpenBadgeCredential")
    return problems


def _case_uri(framework: Framework, key: str) -> str:
    base = uuid.uuid5(_CASE_NAMESPACE, framework.info.id)
    return f"urn:uuid:{uuid.uuid5(base, key)}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issue_badge(
    framework: Framework,
    evidence: Evidence,
    issuer: Issuer,
    recipient: str,
    *,
    as_of: date,
    issued: datetime,
    evidence_ids: tuple[str, ...] = (),
    salt: str | None = None,
    locale: str | None = None,
    names: Names | None = None,
) -> dict[str, Any]:
    """The OpenBadgeCredential for the level `evidence` shows confirmed on `as_of`.

    Texts are those of `names` (the command's translator), else in `locale`.

    `recipient` is an email address, stored only as ``sha256$HEX`` of the
    address and `salt` (random when None). `BadgeError` when no level is
    confirmed on or before `as_of`, or an evidence id is unknown.
    """
    entry = evidence.confirmed_at(as_of)
    if entry is None:
        raise BadgeError(f"{evidence.person.id} has no level confirmed on or before {as_of}")
    info = framework.level(entry.level)
    names = names_for(framework, locale, names=names)
    level, role = info.level, info.role
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hashlib.sha256((recipient.strip() + salt).encode("utf-8")).hexdigest()
    criteria, alignment = [], []
    for expected in framework.expected(entry.level):
        name = names.competency(expected.competency)
        criteria.append(f"- **{name}**: {names.step(expected.step)}")
        criteria.extend(f"  - {names.text(b.behaviour.text)}" for b in expected.behaviours)
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": name,
                "targetUrl": _case_uri(framework, f"competency:{expected.competency}"),
                "targetCode": expected.competency,
                "targetFramework": names.text(framework.info.title),
                "targetType": "CFItem",
            }
        )
    achievement: dict[str, Any] = {
        "id": _case_uri(framework, f"level:{entry.level}"),
        "type": ["Achievement"],
        "name": f"{names.text(role.title)}: {names.text(level.title)}",
        "description": names.text(level.summary or level.scope or level.title),
        "criteria": {"narrative": "\n".join(criteria)},
        "alignment": alignment,
        "humanCode": entry.level,
        "version": framework.info.version,
    }
    items = {item.id: item for item in evidence.items if item.id is not None}
    chosen = []
    for ident in evidence_ids:
        item = items.get(ident)
        if item is None:
            raise BadgeError(f"{evidence.person.id} has no evidence item with id {ident!r}")
        shown: dict[str, Any] = {
            "type": ["Evidence"],
            "name": ident,
            "narrative": names.text(item.summary),
            "genre": item.source,
        }
        if item.link:
            shown["id"] = item.link
        chosen.append(shown)
    key = f"{issuer.id}|{evidence.person.id}|{entry.level}|{entry.date}"
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": f"urn:uuid:{uuid.uuid5(_CASE_NAMESPACE, key)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement["name"],
        "issuer": issuer.profile(),
        "validFrom": _stamp(issued),
        "awardedDate": f"{entry.date}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "hashed": True,
                    "identityHash": f"sha256${digest}",
                    "identityType": "emailAddress",
                    "salt": salt,
                }
            ],
            "achievement": achievement,
        },
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if chosen:
        credential["evidence"] = chosen
    problems = check_badge(credential)
    if problems:
        raise BadgeError(f"the credential fails the Open Badges 3.0 schema: {problems[0]}")
    return credential


def _key(jwk: Any, private: bool) -> Any:
    jwk_module = require_extra("joserfc.jwk", "badges", "Signing a badge", "joserfc")
    if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise BadgeError("the key must be an Ed25519 JWK (kty OKP, crv Ed25519)")
    if private and "d" not in jwk:
        raise BadgeError("signing needs the private key (the JWK's d)")
    try:
        return jwk_module.OKPKey.import_key(jwk)
    except ValueError as error:
        raise BadgeError(f"the key cannot be read: {error}") from None


def sign_badge(credential: dict[str, Any], jwk: dict[str, Any]) -> str:
    """`credential` as a VC-JWT (compact JWS, EdDSA) signed with the private Ed25519 `jwk`."""
    jwt = require_extra("joserfc.jwt", "badges", "Signing a badge", "joserfc")
    key = _key(jwk, private=True)
    issued = datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(issued.timestamp()),
        "vc": credential,
    }
    header = {"alg": "EdDSA", "typ": "JWT"}
    if "kid" in jwk:
        header["kid"] = jwk["kid"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc flags "EdDSA" (RFC 9864); VC-JWT names it
        token: str = jwt.encode(header, claims, key, algorithms=["EdDSA"])
    return token


def verify_badge(token: str, jwk: dict[str, Any]) -> dict[str, Any]:
    """The credential in the VC-JWT `token`, its signature checked with the public `jwk`.

    `BadgeError` when the signature does not verify, the claims do not match
    the credential, or the credential fails the Open Badges 3.0 schema.
    """
    jwt = require_extra("joserfc.jwt", "badges", "Verifying a badge", "joserfc")
    errors = require_extra("joserfc.errors", "badges", "Verifying a badge", "joserfc")
    key = _key(jwk, private=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            claims = jwt.decode(token.strip(), key, algorithms=["EdDSA"]).claims
    except (errors.JoseError, ValueError) as error:
        raise BadgeError(f"the signature does not verify: {error}") from None
    credential = claims.get("vc")
    if not isinstance(credential, dict):
        raise BadgeError("the token holds no credential (no vc claim)")
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if claims.get("iss") != issuer_id or claims.get("jti") != credential.get("id"):
        raise BadgeError("the token's iss and jti do not match the credential's issuer and id")
    problems = check_badge(credential)
    if problems:
        raise BadgeError(f"the credential fails the Open Badges 3.0 schema: {problems[0]}")
    return credential
