#!/usr/bin/env python3
"""Checks, by compiling, the breaking changes `connector-codegen diff` reports where
cargo-semver-checks reports none.

For each connector that `semver-agreement.sh` found the two tools disagree on, this script
generates the crates before and after the change, and for each breaking entry of the diff
that names a type change writes a small user crate ("probe") that uses the item as the old
crate declares it: a member read as its old type, an answer received as its old type, an
optional parameter set with a value of its old type, an alias used as its old target, a
removed type named. The probe must compile against the old crate; if it fails against the
new one, the change breaks users' code, whatever cargo-semver-checks says.

usage: codegen/scripts/prove-breaks.py HISTORY RESULTS_TSV OUT
  HISTORY      ../shared/corpus/history
  RESULTS_TSV  results.tsv written by semver-agreement.sh
  OUT          a work folder (crates, probes, a shared target directory, proofs.tsv)
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "target" / "release" / "connector-codegen"

MEMBER = re.compile(r"^the member's type changes from (.+) to (.+)$")
ANSWER = re.compile(r"^the answer changes from (.+) \([^()]+\) to (.+) \([^()]+\)$")
SETTER = re.compile(r"^the optional parameter's type changes from (.+) to (.+)$")
ALIAS = re.compile(r"^now stands for (.+) instead of (.+)$")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def generate(side: Path, out: Path) -> bool:
    args = [str(GENERATOR), "generate", str(side / "apiDefinition.swagger.json")]
    if (side / "apiProperties.json").is_file():
        args.append(f"--properties={side / 'apiProperties.json'}")
    args += ["--out", str(out), "--name", "checked", "--runtime-path", str(ROOT / "runtime")]
    return run(args).returncode == 0


def diff(pair: Path) -> list:
    args = [str(GENERATOR), "diff", str(pair / "old/apiDefinition.swagger.json"),
            str(pair / "new/apiDefinition.swagger.json"), "--format", "json"]
    for side in ("old", "new"):
        if (pair / side / "apiProperties.json").is_file():
            args.append(f"--{side}-properties={pair / side / 'apiProperties.json'}")
    return json.loads(run(args).stdout)["changes"]


def scope(module: str) -> str:
    """The names a type is spelled with in `module` (a path below the crate root)."""
    uses = ["use checked::*;", "use std::collections::BTreeMap;"]
    if module:
        uses.append(f"use checked::{module}::*;")
    return "\n    ".join(uses)


def probe(change: dict):
    """The probe's body for one breaking entry, or None when no probe applies."""
    item, detail = change["item"], change["detail"]
    if change["kind"] == "removed" and detail == "the type is gone":
        return "", f"pub type Named = checked::{item};"
    if (match := MEMBER.match(detail)) and "." in item:
        path, member = item.rsplit(".", 1)
        return path.rsplit("::", 1)[0], (
            f"pub fn read(value: &checked::{path}) -> &{match[1]} {{ &value.{member} }}")
    if (match := ANSWER.match(detail)) and item.startswith("fn "):
        operation = item[3:]
        return f"operations::{operation}", (
            f"pub fn send(request: checked::operations::{operation}::Request)\n"
            f"        -> connector_runtime::Sending<connector_runtime::Response<{match[1]}>> {{\n"
            f"        request.send()\n    }}")
    if (match := SETTER.match(detail)) and item.startswith("fn "):
        operation, parameter = re.match(r"fn (\w+)\(\)\.(\w+)", item).groups()
        return f"operations::{operation}", (
            f"pub fn set(request: checked::operations::{operation}::Request, value: {match[1]})\n"
            f"        -> checked::operations::{operation}::Request {{\n"
            f"        request.{parameter}(value)\n    }}")
    if match := ALIAS.match(detail):
        module = item.rsplit("::", 1)[0]
        return module, f"pub fn same(value: checked::{item}) -> {match[2]} {{ value }}"
    return None


def compiles(probe_dir: Path, crate: Path, target: Path) -> tuple:
    manifest = probe_dir / "Cargo.toml"
    text = manifest.read_text()
    text = re.sub(r'checked = \{ path = "[^"]*" \}', f'checked = {{ path = "{crate}" }}', text)
    manifest.write_text(text)
    result = run(["cargo", "check", "--quiet", "--manifest-path", str(manifest)],
                 env={**os.environ, "CARGO_TARGET_DIR": str(target)})
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    return result.returncode == 0, (errors[0] if errors else "")


def main():
    history, results, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    target = out / "target"
    rows = []
    for line in results.read_text().splitlines():
        connector, bump, verdict, _ = line.split("\t")
        if not (bump == "major" and verdict == "compatible"):
            continue
        pair = next((history / connector).iterdir())
        crates = {side: out / "crates" / connector / side for side in ("old", "new")}
        if not all(generate(pair / side, crates[side]) for side in crates):
            rows.append((connector, "-", "generate failed", "", ""))
            continue
        for number, change in enumerate(diff(pair)):
            if change["impact"] != "breaking":
                continue
            made = probe(change)
            if made is None:
                rows.append((connector, change["item"], "no probe", "", change["detail"]))
                continue
            module, body = made
            probe_dir = out / "probes" / connector / str(number)
            (probe_dir / "src").mkdir(parents=True, exist_ok=True)
            (probe_dir / "Cargo.toml").write_text(
                '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2024"\n\n'
                f'[dependencies]\nchecked = {{ path = "{crates["old"]}" }}\n'
                f'connector-runtime = {{ path = "{ROOT / "runtime"}" }}\n'
                'serde_json = "1"\n')
            (probe_dir / "src/lib.rs").write_text(
                "#![allow(unused_imports, deprecated)]\n\n"
                f"pub mod probe {{\n    {scope(module)}\n\n    {body}\n}}\n")
            old_ok, old_error = compiles(probe_dir, crates["old"], target)
            new_ok, new_error = compiles(probe_dir, crates["new"], target)
            if not old_ok:
                outcome = "probe does not compile against the old crate"
            elif new_ok:
                outcome = "compiles against the new crate: not a break"
            else:
                outcome = "breaks"
            rows.append((connector, change["item"], outcome, new_error or old_error,
                         change["detail"]))
            print(f"{connector}\t{change['item']}\t{outcome}", flush=True)
    with open(out / "proofs.tsv", "w") as proofs:
        for row in rows:
            proofs.write("\t".join(row) + "\n")
    broken = {row[0] for row in rows if row[2] == "breaks"}
    connectors = {row[0] for row in rows}
    print(f"{len(broken)} of {len(connectors)} connectors have a change that a user's code "
          "proves breaking; details in proofs.tsv")


if __name__ == "__main__":
    main()
