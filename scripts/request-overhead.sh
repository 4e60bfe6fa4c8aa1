#!/usr/bin/env bash
# The `request_overhead` benchmarks, `runs` times: each run's median time of the
# hand-written floor (`raw_reqwest`) and of the generated client, and their ratio; then
# the median ratio over the runs. Client and sandbox share this machine, so one run can
# drift by several percent; the median of several is what the README reports.
#
# usage: scripts/request-overhead.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
estimates="${CARGO_TARGET_DIR:-$root/target}/criterion/request_overhead"
cd "$root"
cargo bench --locked -p app-store-connect --bench client --no-run 2>/dev/null
ratios=()
for run in $(seq "$runs"); do
  cargo bench --locked -p app-store-connect --bench client -- request_overhead >/dev/null 2>&1
  line="$(python3 - "$estimates" <<'PY'
import json, sys
median = lambda name: json.load(open(f"{sys.argv[1]}/{name}/new/estimates.json"))["median"]["point_estimate"] / 1000
raw, generated = median("raw_reqwest"), median("generated_client")
print(f"{raw:.1f} {generated:.1f} {generated / raw:.3f}")
PY
)"
  read -r raw generated ratio <<<"$line"
  echo "run $run: raw_reqwest ${raw} µs, generated_client ${generated} µs, ratio ${ratio}"
  ratios+=("$ratio")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END {
  m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "median ratio over %d runs: %.3f (min %.3f, max %.3f)\n", NR, m, r[1], r[NR]
}'
