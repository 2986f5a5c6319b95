#!/usr/bin/env bash
# Element-wise ops and reductions: GB/s of jtorch's cpu back end (1 and 2 threads) and of numpy (1 thread), each
# against its own STREAM-style bandwidth figure measured in the same process on 64M-float arrays (beyond L3).
# Usage: bench/elementwise-side-by-side.sh   (needs python3 with numpy; builds jtorch first via ./jtorch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
python3 -c 'import numpy' 2>/dev/null || { echo "needs numpy: apt-get install python3-numpy" >&2; exit 2; }
echo "== jtorch (cpu back end)"
"$ROOT/jtorch" run jtorch.bench.ElementwiseSideBySide 1 2 2>/dev/null
echo "== numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
python3 "$ROOT/bench/peer/elementwise_numpy.py"
