#!/usr/bin/env bash
# DCGAN train step (D step + G step, the Dcgan example's nets: g 32, d 32, nz 64, batch 64 of [1, 28, 28]), jtorch vs
# PyTorch CPU (Debian python3-torch), 1 and 2 threads, one run; prints steps/s, the ratio jtorch/PyTorch (> 1: jtorch
# ahead), jtorch's GFLOP/s on the step's convolutions and linear layers and, as the FLOP limit, jtorch's own F32 GEMM
# rate on a large square product (512x512x512) at the same thread count; then both sides' steps/s of main-thread CPU
# time and their ratio (the honest figure on a loaded machine at 1 thread; at 2 threads it leaves out helper threads).
# Usage: bench/dcgan-side-by-side.sh [g d nz batch [deep]]   (deep 1: the example's "deep" nets, one 3x3 layer more in G
# and in D; needs python3 with torch; builds jtorch first via ./jtorch)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
uptime
printf '%-7s %-7s %14s %14s %7s %13s %12s %9s %11s %10s %9s\n' step threads jtorch_steps/s torch_steps/s ratio jtorch_GFLOP/s \
  gemm_GFLOP/s of_gemm jtorch_cpu torch_cpu cpu_ratio
for threads in 1 2; do
  read -r _ _ j jg _ jc < <("$ROOT/jtorch" run jtorch.bench.DcganStepSideBySide "$threads" "$@" 2>/dev/null)
  # passive OpenMP waiting: spinning threads collapse PyTorch's 2-thread step on a shared, oversubscribed machine
  read -r _ _ t tc < <(OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/dcgan_step_torch.py" "$threads" "$@")
  gemm=$("$ROOT/jtorch" run jtorch.bench.GemmSideBySide --threads "$threads" --samples 5 512x512x512 2>/dev/null | awk '{print $3}')
  printf '%-7s %-7s %14s %14s %7s %13s %12s %9s %11s %10s %9s\n' dcgan "$threads" "$j" "$t" \
    "$(awk -v a="$j" -v b="$t" 'BEGIN{printf "%.2f", a/b}')" "$jg" "$gemm" "$(awk -v a="$jg" -v b="$gemm" 'BEGIN{printf "%.0f%%", 100*a/b}')" \
    "$jc" "$tc" "$(awk -v a="$jc" -v b="$tc" 'BEGIN{printf "%.2f", a/b}')"
done
uptime
