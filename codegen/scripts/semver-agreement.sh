#!/usr/bin/env bash
# Compares the verdict of `connector-codegen diff` (breaking or not) with cargo-semver-checks
# on the two crates generated from each change of a history folder
# (`<connector>/<commit>/{old,new}/apiDefinition.swagger.json`, with `apiProperties.json`
# where the connector has one).
#
#   cargo install --locked cargo-semver-checks
#   bash codegen/scripts/semver-agreement.sh ../shared/corpus/history target/semver-agreement
#
# Writes `results.tsv` (connector, diff's bump, semver-checks' verdict and failed lints) and
# prints the agreement rate. Takes about half a minute per change on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/../.."
history="${1:-../shared/corpus/history}"
out="$(mkdir -p "${2:-target/semver-agreement}" && cd "${2:-target/semver-agreement}" && pwd)"
cargo build --quiet --release -p connector-codegen --bin connector-codegen
generator="$PWD/target/release/connector-codegen"
runtime="$PWD/runtime"
export CARGO_TARGET_DIR="$out/target"
results="$out/results.tsv"
: > "$results"

properties_of() { [ -f "$1/apiProperties.json" ] && printf '%s' "--properties=$1/apiProperties.json"; }

for pair in "$history"/*/*/; do
    pair="${pair%/}"
    connector="$(basename "$(dirname "$pair")")"
    for side in old new; do
        rm -rf "$out/$side"
        # shellcheck disable=SC2046
        "$generator" generate "$pair/$side/apiDefinition.swagger.json" $(properties_of "$pair/$side") \
            --out "$out/$side" --name checked --runtime-path "$runtime" 2>/dev/null \
            || { printf '%s\tgenerate-failed\t-\t-\n' "$connector" >> "$results"; continue 2; }
    done
    diff_args=()
    [ -f "$pair/old/apiProperties.json" ] && diff_args+=(--old-properties "$pair/old/apiProperties.json")
    [ -f "$pair/new/apiProperties.json" ] && diff_args+=(--new-properties "$pair/new/apiProperties.json")
    bump="$("$generator" diff "$pair/old/apiDefinition.swagger.json" "$pair/new/apiDefinition.swagger.json" \
        "${diff_args[@]}" | sed -n 's/^bump: \([a-z]*\).*/\1/p')"
    log="$out/semver-$connector.log"
    if cargo semver-checks check-release --manifest-path "$out/new/Cargo.toml" \
        --baseline-root "$out/old" --release-type minor > "$log" 2>&1; then
        verdict=compatible
    elif grep -q "semver requires new major version" "$log"; then
        verdict=breaking
    else
        verdict=error
    fi
    lints="$(grep -o '^--- failure [a-z_]*' "$log" | sed 's/--- failure //' | sort -u | paste -sd, -)"
    printf '%s\t%s\t%s\t%s\n' "$connector" "$bump" "$verdict" "${lints:--}" >> "$results"
done

awk -F'\t' '
    $3 == "breaking" || $3 == "compatible" {
        checked++
        ours = ($2 == "major") ? "breaking" : "compatible"
        if (ours == $3) agree++
        if ($3 == "breaking") breaking++
    }
    END {
        printf "%d changes checked; diff agrees with cargo-semver-checks on %d (%.1f%%); %d breaking\n",
            checked, agree, 100 * agree / checked, breaking
    }' "$results"
