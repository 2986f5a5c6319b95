#!/usr/bin/env bash
# VAE train step (the Vae example's MLP 784-400-20-400-784, Bernoulli decoder, Adam; batch 100), jtorch vs PyTorch CPU
# (Debian python3-torch, OpenBLAS), 1 and 2 threads, one run; prints steps/s, the ratio jtorch/PyTorch (> 1: jtorch
# ahead), the bytes jtorch allocates per step and its GEMM GFLOP/s (matrix-product FLOPs per step times steps/s).
# Usage: bench/vae-side-by-side.sh   (needs python3 with torch; builds jtorch first via ./jtorch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
uptime
printf '%-6s %-7s %14s %14s %7s %12s %12s\n' step threads jtorch_steps/s torch_steps/s ratio jtorch_B/step jtorch_GF/s
for threads in 1 2; do
  read -r _ _ j bytes gf < <("$ROOT/jtorch" run jtorch.bench.VaeStepSideBySide "$threads" 2>/dev/null)
  # passive OpenMP waiting: spinning threads collapse PyTorch's 2-thread step on a shared, oversubscribed machine
  t=$(OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/vae_step_torch.py" "$threads" | awk '{print $3}')
  printf '%-6s %-7s %14s %14s %7s %12s %12s\n' vae "$threads" "$j" "$t" "$(awk -v a="$j" -v b="$t" 'BEGIN{printf "%.2f", a/b}')" "$bytes" "$gf"
done
uptime
