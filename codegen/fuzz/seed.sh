#!/usr/bin/env bash
# Seeds the fuzz corpora: `generate` with the smaller connector definitions of
# ../shared/corpus and the Swagger fixtures; `openapi` with the OpenAPI 3.0 documents of
# ../tests/integration/openapi_lowering.rs, small pieces of ../../api/openapi.json and the
# OpenAPI fixtures (written by seed_openapi.py).
set -euo pipefail
cd "$(dirname "$0")"
corpus=../../../shared/corpus/powerplatform
mkdir -p corpus/generate
if [ -d "$corpus" ]; then
    find "$corpus" -name apiDefinition.swagger.json -size -40k | sort | while read -r spec; do
        cp "$spec" "corpus/generate/$(basename "$(dirname "$spec")").json"
    done
fi
cp ../tests/fixtures/*.swagger.json corpus/generate/
echo "$(ls corpus/generate | wc -l) generate seeds"
python3 seed_openapi.py
echo "$(ls corpus/openapi | wc -l) openapi seeds"
