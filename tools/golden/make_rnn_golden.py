#!/usr/bin/env python3
"""Writes jtorch's recurrent golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_rnn_golden.py       # from the repository root; rewrites core/src/test/resources/golden/rnn.json

Same tensor encoding as make_golden.py ({"shape": [...], "data": [...]}, "dtype": "int" for indices). Cases:
torch.nn.RNNCell (tanh, relu), LSTMCell, GRUCell (with and without bias) and Embedding (plain, padding_idx, max_norm).
Each case holds PyTorch's parameters under PyTorch's names (weight_ih, weight_hh, bias_ih, bias_hh; weight), which
jtorch loads with loadStateDict unchanged, the inputs, a gradOutput, and PyTorch's outputs, input gradients and
parameter gradients (and, for max_norm, the weight after the forward that renormalised it).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import enc, write  # noqa: E402  (same encoding and file layout)

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261211)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def cell_case(kind, i, h, b, bias=True, nonlinearity="tanh"):
    if kind == "RNNCell":
        m = torch.nn.RNNCell(i, h, bias=bias, nonlinearity=nonlinearity)
    else:
        m = getattr(torch.nn, kind)(i, h, bias=bias)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(randn(*p.shape, scale=0.6))
    x = randn(b, i).requires_grad_()
    states = [randn(b, h).requires_grad_() for _ in range(2 if kind == "LSTMCell" else 1)]
    out = m(x, tuple(states)) if kind == "LSTMCell" else m(x, states[0])
    outs = list(out) if kind == "LSTMCell" else [out]
    gos = [randn(*o.shape) for o in outs]
    names = [n for n, _ in m.named_parameters()]
    leaves = [x] + states + [p for _, p in m.named_parameters()]
    grads = torch.autograd.grad(outs, leaves, gos)
    k = 1 + len(states)
    return {"module": kind, "inputSize": i, "hiddenSize": h, "bias": bias, "relu": nonlinearity == "relu",
            "params": {n: enc(p.detach()) for n, p in m.named_parameters()},
            "inputs": [enc(t.detach()) for t in [x] + states], "gradOutput": [enc(g) for g in gos],
            "output": [enc(o.detach()) for o in outs], "gradInput": [enc(g) for g in grads[:k]],
            "grads": {n: enc(g) for n, g in zip(names, grads[k:])}}


def embedding_case(n, d, shape, padding_idx=None, max_norm=None, norm_type=2.0):
    m = torch.nn.Embedding(n, d, padding_idx=padding_idx, max_norm=max_norm, norm_type=norm_type)
    with torch.no_grad():
        m.weight.copy_(randn(n, d))
        if padding_idx is not None:
            m.weight[padding_idx].zero_()
    w0 = m.weight.detach().clone()
    idx = torch.randint(0, n, shape, generator=GEN)
    if padding_idx is not None:
        idx.view(-1)[0] = padding_idx
    y = m(idx)
    go = randn(*y.shape)
    (gw,) = torch.autograd.grad(y, [m.weight], go)
    ix = enc(idx.to(torch.float64))
    ix["dtype"] = "int"
    return {"module": "LookupTable", "nIndex": n, "nOutput": d, "paddingIndex": -1 if padding_idx is None else padding_idx,
            "maxNorm": 0.0 if max_norm is None else max_norm, "normType": norm_type, "params": {"weight": enc(w0)},
            "indices": ix, "gradOutput": [enc(go)], "output": [enc(y.detach())], "grads": {"weight": enc(gw)},
            "weightAfter": enc(m.weight.detach())}


def main():
    cases = [cell_case("RNNCell", 3, 4, 2), cell_case("RNNCell", 3, 4, 2, nonlinearity="relu"),
             cell_case("LSTMCell", 3, 4, 2), cell_case("LSTMCell", 5, 2, 3, bias=False),
             cell_case("GRUCell", 3, 4, 2), cell_case("GRUCell", 2, 3, 3, bias=False),
             embedding_case(7, 3, (4, 3)), embedding_case(7, 3, (2, 5), padding_idx=2),
             embedding_case(6, 4, (3, 4), max_norm=1.2), embedding_case(6, 4, (5,), max_norm=0.9, norm_type=1.0)]
    write("rnn.json", {"generator": "tools/golden/make_rnn_golden.py", "cases": cases})
    return 0


if __name__ == "__main__":
    sys.exit(main())
