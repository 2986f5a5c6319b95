#!/usr/bin/env bash
# The char-LSTM train step of issue 11 (embedding 65 -> 128, 2 x 128 LSTM, Linear 128 -> 65, NLL over seq 50 x batch
# 50, full BPTT, RMSprop), characters/s, side by side in one run: jtorch (jtorch.bench.CharLstmSideBySide), PyTorch CPU
# (/usr/bin/python3, bench/peer/char_lstm_torch.py) and DJL 0.35.1 / libtorch 2.7.1 (../shared/peers/djl/run.sh N lstm),
# on 1 and 2 threads. Usage: bench/char-lstm-side-by-side.sh [threads...]   (default: 1 2)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=/usr/bin/python3
DJL="${DJL:-$ROOT/../shared/peers/djl/run.sh}"
[[ -x "$DJL" ]] || DJL=/work/shared/peers/djl/run.sh
threads=("$@"); [[ ${#threads[@]} -gt 0 ]] || threads=(1 2)
echo "# $(date -u +%FT%TZ) $(uptime)"
printf '%-7s %14s %14s %14s %9s %9s\n' threads jtorch_chars/s torch_chars/s djl_chars/s vs_torch vs_djl
for n in "${threads[@]}"; do
  j=$("$ROOT/jtorch" run jtorch.bench.CharLstmSideBySide "$n" 2>/dev/null | tee /dev/stderr | awk '{print $3}')
  t=$(OMP_NUM_THREADS=$n "$PY" "$ROOT/bench/peer/char_lstm_torch.py" "$n" 2>/dev/null | awk '{print $3}' || echo NA)
  d=$("$DJL" "$n" lstm 2>/dev/null | sed -n 's/.*lstm *samples\/s median *\([0-9.]*\).*/\1/p' || true)
  d=${d:-NA}; t=${t:-NA}
  r() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b == "NA" || b == 0) print "NA"; else printf "%.2f", a/b }'; }
  printf '%-7s %14s %14s %14s %9s %9s\n' "$n" "$j" "$t" "$d" "$(r "$j" "$t")" "$(r "$j" "$d")"
done
echo "# $(uptime)"
