#!/usr/bin/env bash
# Training-step throughput, jtorch vs PyTorch CPU (Debian python3-torch), same models, batch and thread counts, one run.
# Usage: bench/train-step-side-by-side.sh [batch]   (needs python3 with torch; builds jtorch first via ./jtorch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
batch="${1:-64}"
PY=/usr/bin/python3  # Debian python3-torch; install libopenblas0-pthread so that it runs on OpenBLAS, not the reference BLAS
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
printf '%-6s %-7s %-5s %14s %14s %7s\n' model threads batch jtorch_samp/s torch_samp/s ratio
for model in seed mlp; do
  for threads in 1 2; do
    j=$("$ROOT/jtorch" run jtorch.bench.TrainStepSideBySide "$model" "$threads" "$batch" 2>/dev/null | awk '{print $4}')
    t=$(OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/train_step_torch.py" "$model" "$threads" "$batch" | awk '{print $4}')
    printf '%-6s %-7s %-5s %14s %14s %7s\n' "$model" "$threads" "$batch" "$j" "$t" "$(awk -v a="$j" -v b="$t" 'BEGIN{printf "%.2f", a/b}')"
  done
done
