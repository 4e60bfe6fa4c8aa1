#!/usr/bin/env python3
"""Writes seeds for the `decode` fuzz target into corpus/decode/: HTTP answers as the target
reads them (two bytes of status, big-endian, then header lines, an empty line and the body)
with JSON:API documents shaped like the sandbox's, Apple error documents, empty and
truncated bodies and deep nesting."""

import json
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parent / "corpus" / "decode"
BASE = "https://api.appstoreconnect.apple.com"


def answer(status, headers, body):
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    if isinstance(body, (dict, list)):
        body = json.dumps(body, separators=(",", ":"))
    if isinstance(body, str):
        body = body.encode()
    return struct.pack(">H", status) + head.encode() + b"\r\n" + body


def app(n):
    return {
        "type": "apps",
        "id": str(1234567890 + n),
        "attributes": {
            "name": f"Weather {n}", "bundleId": f"com.example.weather{n}", "sku": f"WEATHER{n}",
            "primaryLocale": "en-US", "isOrEverWasMadeForKids": n % 2 == 0,
            "subscriptionStatusUrl": None, "subscriptionStatusUrlVersion": "V2",
            "availableInNewTerritories": True, "contentRightsDeclaration": "DOES_NOT_USE_THIRD_PARTY_CONTENT",
            "futureAttribute": {"nested": True},
        },
        "relationships": {
            name: {"links": {"self": f"{BASE}/v1/apps/{1234567890 + n}/relationships/{name}",
                             "related": f"{BASE}/v1/apps/{1234567890 + n}/{name}"}}
            for name in ("ciProduct", "betaTesters", "betaGroups", "appStoreVersions")
        },
        "links": {"self": f"{BASE}/v1/apps/{1234567890 + n}"},
    }


def error(status, code, title, detail, source=None, **extra):
    entry = {"id": "2b4f3a5e-0c1d-4c1e-9d0a-7f7f3c1b2a10", "status": str(status), "code": code,
             "title": title, "detail": detail}
    if source:
        entry["source"] = source
    entry.update(extra)
    return {"errors": [entry]}


RATE = ("x-rate-limit", "user-hour-lim:3600;user-hour-rem:3599;")
JSON = ("content-type", "application/json")


def seeds():
    page = {"data": [app(n) for n in range(3)],
            "links": {"self": f"{BASE}/v1/apps?limit=3",
                      "next": f"{BASE}/v1/apps?cursor=Mw.AAAA&limit=3"},
            "meta": {"paging": {"total": 7, "limit": 3}}}
    last = {"data": [app(6)], "links": {"self": f"{BASE}/v1/apps?cursor=Ng&limit=3"},
            "meta": {"paging": {"total": 7, "limit": 3}}}
    one = {"data": app(0), "links": {"self": f"{BASE}/v1/apps/1234567890"},
           "included": [{"type": "builds", "id": "b1", "attributes": {"version": "42"}}]}
    yield "list-page", answer(200, [JSON, RATE, ("x-request-id", "ABCD")], page)
    yield "list-last", answer(200, [JSON, RATE], last)
    yield "list-empty", answer(200, [JSON], {"data": [], "links": {"self": f"{BASE}/v1/apps"}, "meta": {"paging": {"total": 0, "limit": 50}}})
    yield "read-one", answer(200, [JSON, RATE], one)
    yield "read-null", answer(200, [JSON], {"data": None, "links": {"self": f"{BASE}/v1/apps/1"}})
    yield "no-content", answer(204, [RATE], b"")
    yield "empty-200", answer(200, [], b"")
    yield "whitespace-200", answer(200, [], b" \r\n\t ")
    yield "not-found", answer(404, [JSON, RATE], error(404, "NOT_FOUND", "The specified resource does not exist",
                                                      "There is no resource of type 'apps' with id '0'", {"parameter": "id"}))
    yield "unauthorized", answer(401, [JSON], error(401, "NOT_AUTHORIZED", "Authentication credentials are missing or invalid.",
                                                    "Provide a properly configured and signed bearer token, and make sure that it has not expired."))
    yield "conflict-pointer", answer(409, [JSON, RATE], error(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "An attribute value is invalid.",
                                                              "'name' is too long", {"pointer": "/data/attributes/name"},
                                                              links={"about": "https://developer.apple.com/"},
                                                              meta={"associatedErrors": {"/v1/apps": [{"code": "X"}]}}))
    yield "rate-limited", answer(429, [JSON, ("x-rate-limit", "user-hour-lim:3600;user-hour-rem:0;"), ("retry-after", "120")],
                                 error(429, "RATE_LIMIT_EXCEEDED", "The API Rate Limit has been exceeded", "Wait and retry"))
    yield "retry-after-date", answer(503, [("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")], b"<html>Service Unavailable</html>")
    yield "lenient-error", answer(400, [JSON], {"errors": [{"status": 400, "code": None, "title": 7, "source": {}},
                                                           {"id": 5, "detail": ["x"], "source": {"parameter": "filter[name]"}}]})
    yield "errors-empty", answer(400, [JSON], {"errors": []})
    yield "error-empty-body", answer(500, [], b"")
    yield "error-on-200", answer(200, [JSON], error(200, "OK?", "odd", "an error document with a success status"))
    yield "truncated-list", answer(200, [JSON], json.dumps(page)[:700])
    yield "truncated-error", answer(422, [JSON], json.dumps(error(422, "X", "t", "d"))[:60])
    yield "wrong-types", answer(200, [JSON], {"data": {"id": 1}, "links": [], "meta": {"paging": {"total": "7"}}})
    yield "deep-array", answer(200, [JSON], "[" * 200 + "]" * 200)
    yield "deep-object", answer(200, [JSON], '{"data":' * 150 + "null" + "}" * 150)
    yield "deep-in-attributes", answer(200, [JSON], {"data": [{"type": "apps", "id": "1", "attributes": {"name": "x", "x": json.loads("[" * 100 + "]" * 100)}}]})
    yield "big-numbers", answer(200, [JSON], {"data": [], "meta": {"paging": {"total": 2**40, "limit": -1}}})
    yield "floats", answer(400, [JSON], {"errors": [{"code": "X", "meta": {"f": 1e308, "g": -0.0, "h": 1.5e-300}}]})
    yield "unicode", answer(200, [JSON, ("x-rate-limit", "user-hour-rem:1; user-hour-lim:2")], '{"data":[{"type":"apps","id":"\\ud83d\\ude00","attributes":{"name":"Wétter ☀"}}]}')
    yield "bad-utf8", answer(200, [], b'{"data":[{"id":"\xff\xfe"}]}')
    yield "lone-surrogate", answer(400, [JSON], b'{"errors":[{"code":"\\ud800"}]}')
    yield "duplicate-keys", answer(200, [JSON], b'{"data":[],"data":[]}')
    yield "trailing", answer(200, [JSON], b'{"data":[]} {"data":[]}')
    yield "text-csv", answer(200, [("content-type", "text/csv")], b"date,units\n2024-01-01,3\n")
    yield "gzip-magic", answer(200, [("content-type", "application/a-gzip")], b"\x1f\x8b\x08\x00" + bytes(range(32)))
    yield "rate-limit-odd", answer(200, [("x-rate-limit", "user-hour-lim:18446744073709551615;user-hour-rem:18446744073709551616;"),
                                         ("x-rate-limit", "user-hour-lim:1;user-hour-rem:1")], b"null")
    yield "redirect", answer(302, [("location", "https://example.com/elsewhere")], b"")
    yield "status-999", answer(999, [], b"{}")
    yield "status-raw", answer(0xFFFF, [], b"{}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, data in seeds():
        (OUT / name).write_bytes(data)
        count += 1
    print(f"{count} decode seeds")


if __name__ == "__main__":
    main()
