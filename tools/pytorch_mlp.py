#!/usr/bin/env python3
"""Trains a small MLP with PyTorch and writes its weights as safetensors files, for jtorch to load by name.

    /usr/bin/python3 tools/pytorch_mlp.py     # from the repository root; rewrites examples/src/main/resources/jtorch/examples/

Model: nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10)), trained on the UCI digits set embedded in
jtorch (core/src/main/resources/jtorch/data/digits.csv.gz, E. Alpaydin, C. Kaynak, CC BY 4.0), inputs = pixels / 16,
on the first 1500 rows (Adam lr 0.01, batch 64, 20 epochs, cross-entropy, torch.manual_seed(0)). Its state_dict keys
are "0.weight" [32, 64], "0.bias" [32], "2.weight" [10, 32], "2.bias" [10]: jtorch's names for the same Sequential.

Writes, next to each other:
  pytorch_mlp.safetensors      the state_dict as F32: what safetensors.torch.save_file(model.state_dict(), ...) writes
  pytorch_mlp_f16.safetensors  the state_dict as F16 (what model.half() would store)
  pytorch_mlp_io.safetensors   "input" [16, 64] F32 (rows 1500..1515, not trained on), "label" [16] I64 (their
                               digits), "output" [16, 10] F32 (PyTorch's float32 logits), "output_f64" [16, 10] F64
                               (the same net in float64), "output_f16" [16, 10] F32 (float32 logits with the
                               F16-rounded weights)
Needs PyTorch (Debian's python3-torch) and numpy; the safetensors bytes are written here (python3-safetensors is not in
Debian): 8-byte little-endian header length, the JSON header padded with spaces to a multiple of 8, then the data.
"""
import gzip
import json
import os
import struct

import numpy as np
import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DIGITS = os.path.join(ROOT, "core", "src", "main", "resources", "jtorch", "data", "digits.csv.gz")
OUT = os.path.join(ROOT, "examples", "src", "main", "resources", "jtorch", "examples")
DTYPES = {np.dtype("<f4"): "F32", np.dtype("<f8"): "F64", np.dtype("<f2"): "F16", np.dtype("<i8"): "I64"}


def write_safetensors(path, tensors, metadata):
    """tensors: name -> numpy array (little-endian F32/F64/F16/I64), written in dict order."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, a in tensors.items():
        a = np.ascontiguousarray(a)
        raw = a.tobytes()
        header[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(0)
    with gzip.open(DIGITS, "rt") as f:
        rows = np.array([[int(v) for v in line.split(",")] for line in f if line.strip()])
    x = torch.tensor(rows[:, :64], dtype=torch.float32) / 16
    y = torch.tensor(rows[:, 64], dtype=torch.int64)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    train = 1500
    for epoch in range(20):
        perm = torch.randperm(train)
        for i in range(0, train, 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        held = (model(x[train:]).argmax(1) == y[train:]).float().mean().item()
        print(f"held-out accuracy (rows {train}..{len(x) - 1}): {held:.4f}")
        inp, lab = x[train:train + 16], y[train:train + 16]
        out = model(inp)
        out64 = model.double()(inp.double())
        model.float()
        state = {k: v.numpy().astype("<f4") for k, v in model.state_dict().items()}
        half = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
        half.load_state_dict({k: v.half().float() for k, v in model.state_dict().items()})
        out_half = half(inp)
    meta = {"source": "tools/pytorch_mlp.py", "model": "nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))",
            "input": "UCI digits pixels / 16, rows 1500..1515", "torch": torch.__version__,
            "held_out_accuracy": f"{held:.4f}"}
    os.makedirs(OUT, exist_ok=True)
    write_safetensors(os.path.join(OUT, "pytorch_mlp.safetensors"), state, meta)
    write_safetensors(os.path.join(OUT, "pytorch_mlp_f16.safetensors"),
                      {k: v.astype("<f2") for k, v in state.items()}, dict(meta, weights="F16"))
    write_safetensors(os.path.join(OUT, "pytorch_mlp_io.safetensors"), {
        "input": inp.numpy().astype("<f4"), "label": lab.numpy().astype("<i8"), "output": out.numpy().astype("<f4"),
        "output_f64": out64.numpy().astype("<f8"), "output_f16": out_half.numpy().astype("<f4")}, meta)
    err = (out.double() - out64).abs().max().item()
    print(f"max |float32 - float64| logits: {err:.3g}; max |logit|: {out64.abs().max().item():.3g}")


if __name__ == "__main__":
    main()
