#!/usr/bin/env python3
"""Independent reader for safetensors files written by jtorch (checks jtorch.io.Safetensors against the spec).

Reads FILE with nothing but the format description (8-byte little-endian header length, JSON header, raw
little-endian data) and torch.frombuffer, validates the header (dtype, shape, data_offsets tiling the data region
exactly) and prints every tensor. With --expect EXPECTED.json ({"tensors": {name: {"dtype", "shape", "values"}},
"metadata": {...}}) it compares dtype, shape, values (exactly) and metadata, and exits 1 on any difference.

Usage: /usr/bin/python3 tools/safetensors_check.py FILE [--expect EXPECTED.json]
Needs PyTorch (Debian's python3-torch); the Java test jtorch.io.SafetensorsPythonTest runs it when available.
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8), "I32": (torch.int32, 4)}


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: shorter than 8 bytes")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        raise ValueError(f"{path}: header length {n} exceeds file size {len(raw)}")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    spans, tensors = [], {}
    for name, e in header.items():
        if set(e) != {"dtype", "shape", "data_offsets"}:
            raise ValueError(f"{path}: tensor {name}: fields {sorted(e)}")
        dtype, size = DTYPES[e["dtype"]]
        begin, end = e["data_offsets"]
        numel = 1
        for s in e["shape"]:
            numel *= s
        if end - begin != numel * size or not 0 <= begin <= end <= len(data):
            raise ValueError(f"{path}: tensor {name}: offsets {begin, end} for shape {e['shape']} {e['dtype']}")
        spans.append((begin, end, name))
        buf = bytearray(data[begin:end])
        if numel == 0:
            t = torch.empty(e["shape"], dtype=dtype)
        else:
            t = torch.frombuffer(buf, dtype=dtype)
            if sys.byteorder != "little":
                t = t.byteswap()  # pragma: no cover
            t = t.reshape(e["shape"])
        tensors[name] = (e["dtype"], t)
    pos = 0
    for begin, end, name in sorted(spans):
        if begin != pos:
            raise ValueError(f"{path}: tensor {name} starts at {begin}, expected {pos} (hole or overlap)")
        pos = end
    if pos != len(data):
        raise ValueError(f"{path}: tensors cover {pos} of {len(data)} data bytes")
    return tensors, metadata


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--expect"):
        print(__doc__, file=sys.stderr)
        return 2
    tensors, metadata = read(argv[1])
    for name, (dt, t) in tensors.items():
        print(f"{name} {dt} {list(t.shape)} {t.flatten().tolist()[:8]}")
    print(f"__metadata__ {json.dumps(metadata, sort_keys=True)}")
    if len(argv) == 2:
        return 0
    with open(argv[3]) as f:
        expected = json.load(f)
    problems = []
    if set(expected["tensors"]) != set(tensors):
        problems.append(f"names {sorted(tensors)} != expected {sorted(expected['tensors'])}")
    for name, e in expected["tensors"].items():
        if name not in tensors:
            continue
        dt, t = tensors[name]
        if dt != e["dtype"] or list(t.shape) != e["shape"]:
            problems.append(f"{name}: {dt} {list(t.shape)} != expected {e['dtype']} {e['shape']}")
            continue
        want = torch.tensor(e["values"], dtype=t.dtype).reshape(e["shape"])
        if not torch.equal(t, want):
            problems.append(f"{name}: values differ: {t.flatten().tolist()} != {want.flatten().tolist()}")
    if expected.get("metadata", {}) != metadata:
        problems.append(f"metadata {metadata} != expected {expected.get('metadata')}")
    for p in problems:
        print("MISMATCH " + p)
    print("OK" if not problems else f"FAILED ({len(problems)} problems)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
