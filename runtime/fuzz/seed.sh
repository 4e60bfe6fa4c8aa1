#!/usr/bin/env bash
# Seeds the `decode` fuzz corpus (written by seed.py).
set -euo pipefail
cd "$(dirname "$0")"
python3 seed.py
