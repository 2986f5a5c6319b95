#!/usr/bin/env python3
"""Writes the autograd golden fixture from PyTorch autograd (Debian's python3-torch, CPU), in float64.

    /usr/bin/python3 tools/golden/make_autograd_golden.py   # from the repository root; rewrites
                                                            # core/src/test/resources/golden/autograd.json

Each case is a composite function of a few named inputs that ends in one number; the fixture stores the inputs,
the value and d value / d input for every input (torch.autograd.grad), so the Java test
(core/src/test/java/jtorch/golden/AutogradGoldenTest.java, which writes the same functions with jtorch.autograd.Var)
needs no Python. A tensor is {"shape": [...], "data": [...]} (plus "dtype": "int" for indices); floats via repr().

  mlp        log_softmax(tanh(x @ w1 + b1) @ w2, 1), NLL against labels, plus 0.01 * sum(w1^2)
  broadcast  logsumexp over the last dim of exp(a * b + c) / (1 + |b|) (a [3,1,4], b [2,4], c [4]), summed, plus
             max(a, c) and sigmoid(c) - c / sqrt(1 + c^2)
  views      permute / narrow / select / transpose / reshape, a product of a transposed view, row 2-norms, var, mean
  indexing   index_select, gather, scatter_add, cat, stack, softmax, where, clamp, max with indices, min
  products   bmm, mv, addmm with a broadcast bias, mm of transposed views, pow, log, expand, squeeze/unsqueeze
"""
import json
import os
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


def mlp(v, c):
    h = torch.tanh(v["x"] @ v["w1"] + v["b1"])
    out = torch.log_softmax(h @ v["w2"], 1)
    return torch.nn.functional.nll_loss(out, c["labels"]) + 0.01 * (v["w1"] ** 2).sum()


def broadcast(v, c):
    a, b, cc = v["a"], v["b"], v["c"]
    y = torch.exp(a * b + cc) / (1 + b.abs())
    return torch.logsumexp(y, 2).sum() + torch.maximum(a, cc).sum() + (torch.sigmoid(cc) - cc / torch.sqrt(1 + cc ** 2)).sum()


def views(v, c):
    x = v["x"]
    y = x.permute(2, 0, 1).narrow(0, 1, 3).select(2, 2)          # [3, 3]
    z = (y.t() * y).sum()
    r = x.transpose(0, 1).reshape(4, 15).norm(dim=1).sum()
    return z + r + x.var(dim=2).mean() + x.mean(dim=0, keepdim=True).tanh().sum()


def indexing(v, c):
    x, s = v["x"], v["s"]
    a = x.index_select(0, c["rows"])                            # [4, 3]
    g = x.gather(1, c["cols"])                                  # [5, 2]
    sc = torch.zeros(5, 3).scatter_add(0, c["scatter"], s) + x  # [5, 3]
    cat = torch.cat([a, g.t().reshape(-1, 5).t()[:4, :]], 1)    # [4, 5]
    st = torch.stack([sc, x * 2], 0)                            # [2, 5, 3]
    w = torch.where(x > 0, x, x * 0.1)
    m, _ = st.max(dim=2)
    return (torch.softmax(cat, 1) * cat).sum() + m.sum() + w.clamp(-0.5, 0.8).sum() + st.min(dim=0).values.sum()


def products(v, c):
    a, b, m, vec, bias = v["a"], v["b"], v["m"], v["v"], v["bias"]
    p = a.bmm(b).sum(dim=0)                                     # [3, 2]
    q = m.mv(vec)                                               # [3]
    r = torch.addmm(bias, m, m.t())                             # bias [3] broadcast over [3, 3]
    s = m.t().t() @ a[0].t()                                    # [3, 3]
    e = vec.unsqueeze(0).expand(3, 4).squeeze().abs().add(0.5).pow(1.5).log()
    return (p ** 2).sum() + torch.sigmoid(q).sum() + r.tanh().sum() + (s * r).mean() + e.sum()


CASES = [
    ("mlp", mlp, {"x": randn(4, 5), "w1": randn(5, 6, scale=0.5), "b1": randn(6, scale=0.1), "w2": randn(6, 3, scale=0.5)},
     {"labels": torch.tensor([0, 2, 1, 2])}),
    ("broadcast", broadcast, {"a": randn(3, 1, 4, scale=0.5), "b": randn(2, 4, scale=0.5), "c": randn(4)}, {}),
    ("views", views, {"x": randn(3, 4, 5)}, {}),
    ("indexing", indexing, {"x": randn(5, 3), "s": randn(2, 3)},
     {"rows": torch.tensor([4, 0, 0, 2]), "cols": torch.tensor([[0, 2], [1, 1], [2, 0], [0, 0], [1, 2]]),
      "scatter": torch.tensor([[1, 4, 1], [3, 1, 0]])}),
    ("products", products, {"a": randn(2, 3, 4), "b": randn(2, 4, 2), "m": randn(3, 4), "v": randn(4), "bias": randn(3)},
     {}),
]


def main():
    cases = []
    for name, f, inputs, consts in CASES:
        leaves = {k: t.clone().requires_grad_() for k, t in inputs.items()}
        y = f(leaves, consts)
        grads = torch.autograd.grad(y, list(leaves.values()))
        cases.append({"name": name, "inputs": {k: enc(t) for k, t in inputs.items()},
                      "constants": {k: enc(t) for k, t in consts.items()}, "value": float(y),
                      "gradients": {k: enc(g) for k, g in zip(leaves, grads)}})
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "autograd.json"), "w") as fh:
        json.dump({"torch": torch.__version__, "cases": cases}, fh, indent=None)
        fh.write("\n")


if __name__ == "__main__":
    main()
