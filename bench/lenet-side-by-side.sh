#!/usr/bin/env bash
# LeNet-5 train-step throughput (batch 64, 28x28, the net of ../shared/peers/djl DjlBench: conv5x5 6, tanh, maxpool2,
# conv5x5 16, tanh, maxpool2, 256-120-84-10 tanh; plain sgd lr 0.01), jtorch vs PyTorch CPU (Debian python3-torch on
# OpenBLAS) vs DJL 0.35.1 on libtorch 2.7.1, 1 and 2 threads, in one run; then jtorch's conv kernels in GFLOP/s per
# LeNet layer next to one SGEMM of the same FLOPs (jtorch.bench.ConvLayerBench).
# Usage: bench/lenet-side-by-side.sh [--no-djl] [--no-layers]
#   needs: /usr/bin/python3 with torch (apt-get install python3-torch libopenblas0-pthread); for DJL, Maven access on
#   the first run (../shared/peers/djl/run.sh resolves ~115 MiB of jars and unpacks libtorch under /tmp).
# Prints samples/s (median of timed rounds after warm-up) and jtorch / best peer per thread count. A benchmark, not a
# test: figures depend on the machine and on what else runs on it (check `uptime` first).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=/usr/bin/python3
DJL="$ROOT/../shared/peers/djl/run.sh"
[[ -x "$DJL" ]] || DJL=/work/shared/peers/djl/run.sh
djl=1 layers=1
for a in "$@"; do
  case "$a" in
    --no-djl) djl=0 ;;
    --no-layers) layers=0 ;;
    *) echo "usage: $0 [--no-djl] [--no-layers]" >&2; exit 2 ;;
  esac
done
"$PY" -c "import torch" 2>/dev/null || { echo "needs PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
"$ROOT/jtorch" run jtorch.bench.TrainStepSideBySide lenet5 1 8 >/dev/null 2>&1 || true   # builds jtorch once
JAVA_BIN="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
echo "load: $(uptime | sed 's/.*load average/load average/')"
printf '%-8s %-5s %14s %14s %14s %10s\n' threads batch jtorch torch djl jt/best
for threads in 1 2; do
  j=$(JTORCH_NO_BUILD=1 "$ROOT/jtorch" run jtorch.bench.TrainStepSideBySide lenet5 "$threads" 64 2>/dev/null | awk '{print $4}')
  t=$(OMP_NUM_THREADS=$threads "$PY" "$ROOT/bench/peer/train_step_torch.py" lenet5 "$threads" 64 | awk '{print $4}')
  d=-
  if [[ $djl == 1 ]]; then
    d=$(JAVA="$JAVA_BIN" "$DJL" "$threads" lenet5 2>/dev/null | awk '/RESULT/ {for (i = 1; i < NF; i++) if ($i == "median") print $(i + 1)}' | tr -d ',')
    d=${d:--}
  fi
  best=$(awk -v t="$t" -v d="$d" 'BEGIN { b = t + 0; if (d != "-" && d + 0 > b) b = d + 0; print b }')
  printf '%-8s %-5s %14s %14s %14s %10s\n' "$threads" 64 "$j" "$t" "$d" "$(awk -v a="$j" -v b="$best" 'BEGIN{printf "%.2f", a/b}')"
done
echo "(samples/s; jt/best = jtorch / the faster of PyTorch and DJL at that thread count)"
if [[ $layers == 1 ]]; then
  for threads in 1 2; do JTORCH_NO_BUILD=1 "$ROOT/jtorch" run jtorch.bench.ConvLayerBench "$threads" 2>/dev/null | grep -v '^WARNING' \
    | { [[ $threads == 1 ]] && cat || tail -n +2; }; done
fi
