#!/usr/bin/env bash
# Replay test of the character Transformer: jtorch trains the first N iterations (nanoGPT's CPU configuration) and
# writes its initial weights and batch offsets; PyTorch trains from the same weights on the same batches; the two loss
# curves are compared step by step (a bug shows as a systematic gap, float32 drift as a slowly growing one).
# The two run at the same time (1 thread each, nice -n 10; PyTorch waits for jtorch's weights and offsets).
# Usage: bench/char-transformer-replay.sh [steps] [recipe head|2023-02] [seed]   (~10 s of CPU per 100 steps each)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
steps="${1:-200}"; recipe="${2:-head}"; seed="${3:-1337}"
FILE="${JTORCH_TINYSHAKESPEARE:-/work/shared/data/tinyshakespeare.txt}"
[[ -f "$FILE" ]] || { echo "skipped: $FILE not found"; exit 0; }
OUT="$ROOT/target/char-transformer-replay"
uptime
rm -rf "$OUT"; "$ROOT/jtorch" run jtorch.examples.CharTransformer --file /nonexistent >/dev/null  # builds if stale
JTORCH_NO_BUILD=1 nice -n 10 "$ROOT/jtorch" run jtorch.examples.CharTransformerReplay --out "$OUT" --steps "$steps" \
    --recipe "$recipe" --seed "$seed" --file "$FILE" --threads 1 2>&1 | grep -v '^WARNING' &
OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 JTORCH_TINYSHAKESPEARE="$FILE" nice -n 10 \
    /usr/bin/python3 "$ROOT/bench/peer/char_transformer_replay_torch.py" "$OUT" "$recipe" 1
wait
uptime
