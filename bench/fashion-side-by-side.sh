#!/usr/bin/env bash
# Side-by-side Fashion-MNIST MLP training: jtorch's CLI (`jtorch train --data fashion-mnist --model mlp`) and PyTorch
# CPU (bench/peer/fashion_mlp_torch.py) train the same 784-256-128-10 ReLU MLP with the same hyper-parameters (sgd
# lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule, batch 128, 20 epochs, standardised inputs, 10 % held out
# for validation), data and thread count, one after the other in one run; prints test accuracy, training seconds, wall
# seconds and training samples/s for both, and the ratios.
#
# Usage: bench/fashion-side-by-side.sh            Env: THREADS (default: nproc)  EPOCHS (20)  TORCH_PY (/usr/bin/python3)
#        DATA (/usr/share/datasets/fashion-mnist)
# Builds jtorch first if needed (through ./jtorch).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${THREADS:-$(nproc)}"
epochs="${EPOCHS:-20}"
torch_py="${TORCH_PY:-/usr/bin/python3}"
data="${DATA:-/usr/share/datasets/fashion-mnist}"
[ -e "$data/train-images-idx3-ubyte.gz" ] || [ -e "$data/train-images-idx3-ubyte" ] || {
  echo "fashion-side-by-side: no Fashion-MNIST in $data (apt-get install dataset-fashion-mnist)" >&2; exit 1; }
"$torch_py" -c 'import torch' 2>/dev/null || { echo "fashion-side-by-side: $torch_py has no torch (apt-get install python3-torch)" >&2; exit 1; }
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cpus; threads $threads; epochs $epochs"
"$root/jtorch" train --help >/dev/null   # builds jtorch if needed, outside the timed part
t0=$(date +%s.%N)
CI=1 "$root/jtorch" train --data "$data" --model mlp --epochs "$epochs" --threads "$threads" --out "$out/jtorch" \
  | grep -E '^epoch [0-9]+/[0-9]+  train' | sed 's/^/jtorch /'
t1=$(date +%s.%N)
"$torch_py" "$root/bench/peer/fashion_mlp_torch.py" --data "$data" --epochs "$epochs" --threads "$threads" | tee "$out/torch.log" \
  | grep -v '^RESULT'

"$torch_py" - "$out/jtorch/metrics.json" "$out/torch.log" "$t0" "$t1" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
per_epoch = m["trainExamples"]
train_s = sum(per_epoch / e["samplesPerSecond"] for e in m["epochs"])
n = per_epoch * len(m["epochs"])
j = dict(acc=m["testAccuracy"], train=train_s, wall=float(sys.argv[4]) - float(sys.argv[3]), sps=n / train_s)
r = [l for l in open(sys.argv[2]) if l.startswith("RESULT")][0].split()
t = {k: v for k, v in (kv.split("=") for kv in r[1:])}
p = dict(acc=float(t["test_accuracy"]), train=float(t["train_seconds"]), wall=float(t["wall_seconds"]), sps=float(t["samples_per_s"]))
print("%-22s %14s %14s %14s %12s" % ("", "test accuracy", "train seconds", "wall seconds", "samples/s"))
print("%-22s %14.4f %14.1f %14.1f %12.0f" % ("jtorch", j["acc"], j["train"], j["wall"], j["sps"]))
print("%-22s %14.4f %14.1f %14.1f %12.0f" % (t["peer"], p["acc"], p["train"], p["wall"], p["sps"]))
print("%-22s %14s %14.2f %14.2f %12.2f" % ("jtorch / torch", "", j["train"] / p["train"], j["wall"] / p["wall"], j["sps"] / p["sps"]))
print("(samples/s: training examples per second of training time, validation excluded; jtorch wall includes JVM start)")
PY
