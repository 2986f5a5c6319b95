#!/usr/bin/env bash
# Transformer encoder layer train step (d 128, 4 heads, ffn 512, sequence 64, batch 12), jtorch vs PyTorch CPU
# (Debian python3-torch), 1 and 2 threads, one run; prints steps/s and the ratio jtorch/PyTorch (> 1: jtorch ahead),
# and each side's main-thread CPU ms per step with their ratio PyTorch/jtorch (the fairer figure on a loaded machine).
# Usage: bench/transformer-side-by-side.sh [reps]   (reps: jtorch/PyTorch pairs per thread count, alternated; default 1;
# needs python3 with torch; builds jtorch first via ./jtorch). Both sides compute the input gradient dL/dx (jtorch's backward
# always does); INPUT_GRAD=0 bench/transformer-side-by-side.sh leaves it out of PyTorch's step (~5 % less work there).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
uptime
reps="${1:-1}"
printf '%-12s %-7s %14s %14s %7s %10s %10s %8s\n' step threads jtorch_steps/s torch_steps/s ratio jt_cpu_ms pt_cpu_ms cpu_ratio
for threads in 1 2; do
  for ((r = 0; r < reps; r++)); do
    read -r j jc < <("$ROOT/jtorch" run jtorch.bench.TransformerLayerSideBySide "$threads" 2>/dev/null | awk '{print $3, $5}')
    # passive OpenMP waiting: spinning threads collapse PyTorch's 2-thread step on a shared, oversubscribed machine
    read -r t tc < <(OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/transformer_step_torch.py" "$threads" | awk '{print $3, $4}')
    printf '%-12s %-7s %14s %14s %7s %10s %10s %8s\n' transformer "$threads" "$j" "$t" \
      "$(awk -v a="$j" -v b="$t" 'BEGIN{printf "%.2f", a/b}')" "$jc" "$tc" "$(awk -v a="$tc" -v b="$jc" 'BEGIN{printf "%.2f", a/b}')"
  done
done
uptime
