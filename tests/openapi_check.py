"""Checks a webhook body or an API response against elderride/api/openapi.json with the jsonschema
library: the document in the repository is the contract, not our own code."""

import json
from pathlib import Path

import jsonschema
import referencing
import referencing.jsonschema

FILE = Path(__file__).resolve().parent.parent / "elderride" / "api" / "openapi.json"
BASE = "urn:elderride:openapi"


def document():
    """The OpenAPI document as the repository holds it."""
    return json.loads(FILE.read_text(encoding="utf-8"))


def _validator(pointer, contents=None):
    contents = contents or document()
    resource = referencing.Resource.from_contents(
        contents, default_specification=referencing.jsonschema.DRAFT202012
    )
    registry = referencing.Registry().with_resource(BASE, resource)
    return jsonschema.Draft202012Validator(
        {"$ref": f"{BASE}#{pointer}"},
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def _escape(part):
    return str(part).replace("~", "~0").replace("/", "~1")


def check_webhook(body, contract=None):
    """Raise jsonschema.ValidationError unless `body` is what the document (or `contract`, a
    document not yet written to the file) says its event sends."""
    event = body.get("event") if isinstance(body, dict) else None
    webhooks = (contract or document())["webhooks"]
    assert event in webhooks, f"the document names no webhook event {event!r}"
    _validator(
        f"/webhooks/{_escape(event)}/post/requestBody/content/application~1json/schema", contract
    ).validate(body)


def check_response(path, method, status, body):
    """Raise jsonschema.ValidationError unless `body` is what the document says `method path`
    answers with `status`."""
    _validator(
        f"/paths/{_escape(path)}/{method.lower()}/responses/{status}/content/application~1json/schema"
    ).validate(body)
