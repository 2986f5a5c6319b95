#!/usr/bin/env bash
# Seed study of the character Transformer (nanoGPT's CPU shakespeare_char configuration): for each seed, the full
# 2,000-iteration run of jtorch and of PyTorch (bench/peer/char_transformer_torch.py), the two at the same time
# (1 thread each, nice -n 10), then a table of the final validation losses: nanoGPT's 20-batch estimate, the
# 200-batch one, the whole validation split (and the sd of one batch's loss); mean, sample standard deviation, min and max per implementation.
# Usage: bench/char-transformer-seeds.sh [recipe head|2023-02] [seed ...]   (default: head 1337 1 2 3 4; each pair
# ~190 + 160 s of CPU; logs in target/char-transformer-seeds/, a seed whose two logs are complete is not rerun)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
recipe="${1:-head}"; shift || true
seeds=("$@"); [[ ${#seeds[@]} -gt 0 ]] || seeds=(1337 1 2 3 4)
FILE="${JTORCH_TINYSHAKESPEARE:-/work/shared/data/tinyshakespeare.txt}"
[[ -f "$FILE" ]] || { echo "skipped: $FILE not found"; exit 0; }
LOGS="$ROOT/target/char-transformer-seeds"; mkdir -p "$LOGS"
# build if stale, then run a snapshot of the classes (a rebuild during the study does not change the runs)
"$ROOT/jtorch" run jtorch.examples.CharTransformer --file /nonexistent >/dev/null 2>&1
JDK="$("$ROOT/jtorch" java)"; SNAP="$LOGS/classes-$$"; rm -rf "$SNAP"; mkdir -p "$SNAP"
trap 'rm -rf "$SNAP"' EXIT
cp -r "$ROOT/core/target/classes" "$SNAP/core"; cp -r "$ROOT/examples/target/classes" "$SNAP/examples"
for s in "${seeds[@]}"; do
  j="$LOGS/jtorch-$recipe-$s.log"; t="$LOGS/torch-$recipe-$s.log"
  if grep -q '^final:' "$j" 2>/dev/null && grep -q '^final:' "$t" 2>/dev/null; then continue; fi
  echo "seed $s: $(uptime)"
  ( /usr/bin/time -f "cpu %U user %S sys, wall %e s" nice -n 10 "$JDK/bin/java" --add-modules jdk.incubator.vector \
      -cp "$SNAP/core:$SNAP/examples" jtorch.examples.CharTransformer --threads 1 --seed "$s" --recipe "$recipe" --file "$FILE" --sample 0 >"$j" 2>&1 ) &
  ( OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 /usr/bin/time -f "cpu %U user %S sys, wall %e s" nice -n 10 \
      /usr/bin/python3 "$ROOT/bench/peer/char_transformer_torch.py" "$FILE" 1 --seed "$s" --recipe "$recipe" >"$t" 2>&1 ) &
  wait
  grep -h '^final:\|^cpu' "$j" "$t" | sed "s/^/  /"
done
echo "done: $(uptime)"
/usr/bin/python3 - "$LOGS" "$recipe" <<'PY'
import glob, os, re, statistics, sys
logs, recipe = sys.argv[1], sys.argv[2]
for impl in ("jtorch", "torch"):
    rows = []
    for f in sorted(glob.glob(os.path.join(logs, f"{impl}-{recipe}-*.log"))):
        m = re.search(r"^final: seed (\S+) val\d+ (\S+) val\d+ (\S+) valAll (\S+) train\d+ (\S+)(?: batchSd (\S+))?",
                      open(f).read(), re.M)
        if m:
            rows.append((m.group(1),) + tuple(float(v or "nan") for v in m.groups()[1:]))
    if not rows:
        continue
    print(f"{impl} ({recipe}), {len(rows)} seeds:  seed  val20   val200  valAll  train200  batchSd")
    for r in rows:
        print(f"  {r[0]:>6}  {r[1]:.4f}  {r[2]:.4f}  {r[3]:.4f}  {r[4]:.4f}  {r[5]:.4f}")
    for i, name in ((1, "val20"), (2, "val200"), (3, "valAll"), (4, "train200"), (5, "batchSd")):
        v = [r[i] for r in rows if r[i] == r[i]]  # NaN: not in that log
        if not v:
            continue
        sd = statistics.stdev(v) if len(v) > 1 else float("nan")
        print(f"  {name:>8}: mean {statistics.mean(v):.4f}, sd {sd:.4f}, min {min(v):.4f}, max {max(v):.4f}")
PY
