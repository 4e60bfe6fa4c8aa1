#!/usr/bin/env bash
# Seeds the fuzz corpus with the smaller connector definitions of ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")"
corpus=../../../shared/corpus/powerplatform
mkdir -p corpus/generate
find "$corpus" -name apiDefinition.swagger.json -size -40k | sort | while read -r spec; do
    cp "$spec" "corpus/generate/$(basename "$(dirname "$spec")").json"
done
cp ../tests/fixtures/*.swagger.json corpus/generate/
echo "$(ls corpus/generate | wc -l) seeds"
