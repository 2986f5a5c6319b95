#!/usr/bin/env python3
"""Writes core/src/test/resources/golden/embedding.json from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_embedding_golden.py      # from the repository root

  triplet cases      torch.nn.TripletMarginLoss (margin, p, eps, swap; mean and sum) on {anchor, positive, negative}
                     [B, D]: inputs, loss, gradients of the three inputs
  contrastive cases  DrLIM's contrastive loss written out in torch (PyTorch has no such module), y = 1 similar,
                     -1 dissimilar, D = sqrt(|x1 - x2|^2 + 1e-12) in the dissimilar branch as jtorch: inputs, loss,
                     gradients from autograd
Same format as make_golden.py (a tensor is {"shape", "data"}, "dtype": "int" for labels).
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "golden")
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def enc(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "dtype": "int", "data": [int(v) for v in t.reshape(-1).tolist()]}
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, loss_fn, inputs, target, size_average, **options):
    ins = [t.clone().requires_grad_() for t in inputs]
    loss = loss_fn(*ins) if target is None else loss_fn(*ins, target)
    grads = torch.autograd.grad(loss, ins)
    out = {"criterion": name, "sizeAverage": size_average, "options": options, "input": [enc(t) for t in ins],
           "loss": float(loss.item()), "gradInput": [enc(g) for g in grads]}
    if target is not None:
        out["target"] = enc(target)
    return out


def contrastive(margin, reduction):
    def f(x1, x2, y):
        sq = ((x1 - x2) ** 2).sum(1)
        d = torch.sqrt(sq + 1e-12)
        sim = (1 + y) / 2
        z = sim * 0.5 * sq + (1 - sim) * 0.5 * torch.clamp(margin - d, min=0) ** 2
        return z.mean() if reduction == "mean" else z.sum()
    return f


def cases():
    out = []
    for red, mean in (("mean", True), ("sum", False)):
        for margin, p, eps, swap in ((1.0, 2.0, 1e-6, False), (1.0, 2.0, 1e-6, True), (0.5, 1.0, 1e-6, False),
                                     (2.0, 3.0, 1e-3, True), (1.5, 2.0, 0.0, False)):
            a, pos, neg = randn(7, 5), randn(7, 5), randn(7, 5)
            loss = torch.nn.TripletMarginLoss(margin=margin, p=p, eps=eps, swap=swap, reduction=red)
            out.append(case("TripletMarginCriterion", loss, [a, pos, neg], None, mean, margin=margin, p=p, eps=eps,
                            swap=swap))
        for margin in (1.0, 2.5):
            x1, x2 = randn(8, 4), randn(8, 4, scale=0.7)
            y = torch.tensor([1.0, -1, -1, 1, -1, 1, -1, -1])
            out.append(case("ContrastiveCriterion", contrastive(margin, red), [x1, x2], y, mean, margin=margin))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "embedding.json")
    with open(path, "w") as f:
        f.write('{\n "generator": "tools/golden/make_embedding_golden.py", "torch": %s, "dtype": "float64",\n'
                % json.dumps(torch.__version__))
        f.write(' "cases": [\n' + ",\n".join("  " + json.dumps(c, separators=(",", ":")) for c in cases()) + "\n ]\n}\n")
    json.load(open(path))
    print("wrote", os.path.relpath(path), os.path.getsize(path), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
