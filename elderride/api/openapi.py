"""The OpenAPI 3.1 description of the dispatch API and its webhooks: elderride/api/openapi.json,
served with this server's address."""

import copy
import functools
import json
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("openapi.json")


@functools.cache
def _file() -> dict[str, Any]:
    return json.loads(PATH.read_text(encoding="utf-8"))


def document(server_url: str) -> dict[str, Any]:
    """Return the OpenAPI document for a server at `server_url`."""
    served = copy.deepcopy(_file())
    served["servers"] = [{"url": server_url}]
    return served


# The status reports a dispatch system may send, as the document lists them. no_show is no state
# change: the driver is there and the senior is not (a welfare check).
EVENT_TYPES = tuple(_file()["components"]["schemas"]["StatusReport"]["properties"]["type"]["enum"])
