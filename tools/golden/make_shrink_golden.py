#!/usr/bin/python3
"""Writes the golden fixture of the issue-13 transfer functions from PyTorch (Debian's python3-torch, CPU), float64.

    /usr/bin/python3 tools/golden/make_shrink_golden.py   # from the repository root; rewrites golden/shrink.json

Cases: Softshrink and Hardshrink (lambda 0.5 and 1.25, inputs that include exactly +-lambda and 0), Softsign and
LogSigmoid (inputs up to +-40, and +-800 for LogSigmoid's overflow-free form). Each case stores the input, PyTorch's
output, a random gradOutput and PyTorch's gradInput; the "module" field names the jtorch module (Torch7 names).
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "golden")
GEN = torch.Generator().manual_seed(20261213)


def randn(*shape):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64)


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def run(case, fn, x):
    x = x.clone().requires_grad_()
    y = fn(x)
    go = randn(*y.shape)
    (gi,) = torch.autograd.grad(y, [x], go)
    case.update({"input": enc(x), "output": enc(y), "gradOutput": enc(go), "gradInput": enc(gi)})
    return case


def cases():
    cs = []
    for lam in (0.5, 1.25):
        x = randn(3, 7) * 1.5
        x.view(-1)[:5] = torch.tensor([lam, -lam, 0.0, 3 * lam, -3 * lam])
        cs.append(run({"module": "SoftShrink", "lambda": lam}, torch.nn.Softshrink(lam), x))
        cs.append(run({"module": "HardShrink", "lambda": lam}, torch.nn.Hardshrink(lam), x))
    x = randn(2, 3, 5) * 3
    x.view(-1)[:4] = torch.tensor([40.0, -40.0, 0.0, 1e-3])
    cs.append(run({"module": "SoftSign"}, torch.nn.Softsign(), x))
    x = randn(4, 6) * 4
    x.view(-1)[:6] = torch.tensor([40.0, -40.0, 800.0, -800.0, 0.0, -1e-3])
    cs.append(run({"module": "LogSigmoid"}, torch.nn.LogSigmoid(), x))
    return cs


def main():
    payload = {"generator": "tools/golden/make_shrink_golden.py", "torch": torch.__version__, "dtype": "float64",
               "cases": cases()}
    path = os.path.join(OUT, "shrink.json")
    with open(path, "w") as f:  # one case per line: small, readable diffs
        f.write("{\n")
        for k in ("generator", "torch", "dtype"):
            f.write(" " + json.dumps(k) + ": " + json.dumps(payload[k]) + ",\n")
        f.write(' "cases": [\n' + ",\n".join("  " + json.dumps(c, separators=(",", ":")) for c in payload["cases"])
                + "\n ]\n}\n")
    json.load(open(path))
    print("wrote", os.path.relpath(path), os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
