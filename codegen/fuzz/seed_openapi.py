#!/usr/bin/env python3
"""Writes small OpenAPI 3.0 seeds for the `openapi` fuzz target into corpus/openapi/.

Two sources: the `json!` documents of ../tests/integration/openapi_lowering.rs, evaluated
as Python literals with that file's helpers (`id()`, `get(..)`, `resource(..)`) defined
here, and small pieces of ../../api/openapi.json: one or a few paths with the components
they reach, transitively.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "openapi"
LOWERING = HERE.parent / "tests" / "integration" / "openapi_lowering.rs"
APPLE = HERE.parent.parent / "api" / "openapi.json"
FIXTURES = HERE.parent / "tests" / "fixtures"
MAX_BYTES = 24_000

HEADER = {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}}


def write(name, document):
    text = json.dumps({**HEADER, **document} if "openapi" not in document else document,
                      separators=(",", ":"))
    (OUT / f"{name}.json").write_text(text)


def balanced(text, start):
    """The end (exclusive) of the bracketed expression opening at `start`."""
    depth, i, in_string = 0, start, False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced")


def lowering_snippets():
    source = LOWERING.read_text()
    id_text = re.search(r'const ID: &str = r#"(.*?)"#;', source).group(1)

    def resource(tag, deprecated):
        return {"type": "object", "deprecated": deprecated, "required": ["type", "id"],
                "properties": {"type": {"type": "string", "enum": [tag]}, "id": {"type": "string"}}}

    def get(parameters, responses):
        return {"/v1/apps/{id}": {"get": {"operationId": "apps_get", "parameters": parameters,
                                          "responses": responses}}}

    scope = {
        "json": lambda value: value, "true": True, "false": False, "null": None,
        "id": lambda: json.loads(id_text), "get": get, "resource": resource,
        # `text_and_gzip_answers_are_text_and_bytes` builds its document from these.
        "media": "text/csv", "schema": {"type": "string"},
    }
    found = 0
    for match in re.finditer(r"json!\(", source):
        start = match.end() - 1
        expression = source[start:balanced(source, start)]
        python = expression.replace("json!(", "json(")
        try:
            value = eval(python, scope)  # noqa: S307 - our own test file
        except Exception:  # closures' parameters and other Rust-only bits
            continue
        if isinstance(value, dict) and "paths" in value:
            found += 1
            write(f"lowering-{found:02}", value)
    # The same documents again with each media type the text/gzip test uses.
    for n, (media, schema) in enumerate([
        ("application/a-gzip", {"type": "string", "format": "binary"}),
        ("application/vnd.apple.xcode-metrics+json", {"type": "string"}),
    ]):
        responses = {"200": {"description": "report", "content": {media: {"schema": schema}}},
                     "400": {"description": "error", "content": {"application/json": {"schema": {
                         "type": "object", "properties": {"errors": {"type": "array"}}}}}}}
        write(f"lowering-media-{n}", {"paths": get([json.loads(id_text)], responses)})
    return found + 2


def refs(node, into):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                into.add(tuple(value[len("#/components/"):].split("/", 1)))
            else:
                refs(value, into)
    elif isinstance(node, list):
        for value in node:
            refs(value, into)


def closure(apple, roots):
    """The components reachable from `roots`, by (section, name)."""
    seen, todo = set(), set()
    refs(roots, todo)
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        section, name = key
        target = apple["components"].get(section, {}).get(name)
        if target is not None:
            refs(target, todo)
    return seen


def piece(apple, paths):
    selected = {path: apple["paths"][path] for path in paths}
    components = {}
    for section, name in sorted(closure(apple, selected)):
        target = apple["components"].get(section, {}).get(name)
        if target is not None:
            components.setdefault(section, {})[name] = target
    components["securitySchemes"] = apple["components"].get("securitySchemes", {})
    return {"openapi": apple["openapi"], "info": apple["info"], "servers": apple.get("servers", []),
            "security": apple.get("security", []), "paths": selected, "components": components}


def apple_pieces(limit=40):
    apple = json.loads(APPLE.read_text())
    sized = []
    for path in apple["paths"]:
        document = piece(apple, [path])
        size = len(json.dumps(document, separators=(",", ":")))
        if size <= MAX_BYTES:
            sized.append((size, path, document))
    sized.sort(key=lambda item: item[0])
    # Spread the picks over the size range: tiny ones mutate fast, larger ones reach more.
    step = max(1, len(sized) // limit)
    picks = sized[::step][:limit]
    for n, (_, path, document) in enumerate(picks):
        write(f"apple-{n:02}-" + re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_"), document)
    # A couple of two-path pieces: a collection and its item.
    written = len(picks)
    pairs = [(p, p + "/{id}") for _, p, _ in sized if p + "/{id}" in apple["paths"]]
    for first, second in pairs[:5]:
        document = piece(apple, [first, second])
        if len(json.dumps(document, separators=(",", ":"))) <= 2 * MAX_BYTES:
            written += 1
            write("apple-pair-" + re.sub(r"[^A-Za-z0-9]+", "_", first).strip("_"), document)
    # The options tail the target reads after a NUL byte: a subset, and no operation table.
    if pairs:
        first, second = pairs[0]
        text = json.dumps(piece(apple, [first, second]), separators=(",", ":"))
        (OUT / "apple-pair-options.json").write_bytes(
            text.encode() + b"\0" + first.encode() + b"\n-table\n")
        written += 1
    return written


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    count = lowering_snippets()
    count += apple_pieces()
    for fixture in sorted(FIXTURES.glob("*.openapi.json")):
        (OUT / fixture.name).write_bytes(fixture.read_bytes())
        count += 1
    print(f"{count} openapi seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
