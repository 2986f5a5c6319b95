#!/usr/bin/env bash
# The character Transformer (nanoGPT's CPU shakespeare_char configuration), jtorch then PyTorch CPU, same
# configuration and thread count, one run: losses, wall time of each training loop, and jtorch's sample.
# Usage: bench/char-transformer-side-by-side.sh [threads] [iters]   (needs /work/shared/data/tinyshakespeare.txt)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-1}"; iters="${2:-2000}"
FILE="${JTORCH_TINYSHAKESPEARE:-/work/shared/data/tinyshakespeare.txt}"
[[ -f "$FILE" ]] || { echo "skipped: $FILE not found"; exit 0; }
uptime
"$ROOT/jtorch" run jtorch.examples.CharTransformer --threads "$threads" --iters "$iters" --file "$FILE" 2>&1 | grep -v '^WARNING'
uptime
OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads /usr/bin/python3 "$ROOT/bench/peer/char_transformer_torch.py" "$FILE" "$threads" "$iters"
uptime
