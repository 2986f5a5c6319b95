#!/usr/bin/env bash
# MemN2N training-step throughput (bAbI size: V 40, d 20, memory 50, 3 hops, PE, TE), jtorch vs PyTorch CPU
# (Debian python3-torch), same model, batch and thread counts, one run; prints samples/s and the ratio jtorch/PyTorch
# (> 1: jtorch ahead), and each side's main-thread CPU ms per step with their ratio PyTorch/jtorch (the fairer figure
# on a loaded machine).
# Usage: bench/memn2n-side-by-side.sh [batch] [reps]   (reps: jtorch/PyTorch pairs per thread count, alternated;
# default 1; needs python3 with torch; builds jtorch first via ./jtorch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
batch="${1:-32}"
reps="${2:-1}"
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
uptime
printf '%-7s %-7s %-5s %14s %14s %7s %10s %10s %8s\n' model threads batch jtorch_samp/s torch_samp/s ratio jt_cpu_ms pt_cpu_ms cpu_ratio
for threads in 1 2; do
  for ((r = 0; r < reps; r++)); do
    read -r j jc < <("$ROOT/jtorch" run jtorch.bench.MemN2NStepSideBySide "$threads" "$batch" 2>/dev/null | awk '{print $4, $6}')
    read -r t tc < <(OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/memn2n_step_torch.py" "$threads" "$batch" | awk '{print $4, $5}')
    printf '%-7s %-7s %-5s %14s %14s %7s %10s %10s %8s\n' memn2n "$threads" "$batch" "$j" "$t" \
      "$(awk -v a="$j" -v b="$t" 'BEGIN{printf "%.2f", a/b}')" "$jc" "$tc" "$(awk -v a="$tc" -v b="$jc" 'BEGIN{printf "%.2f", a/b}')"
  done
done
uptime
