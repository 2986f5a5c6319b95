#!/usr/bin/env python3
"""Writes jtorch's fused recurrent golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_fused_rnn_golden.py   # from the repository root; rewrites core/src/test/resources/golden/fused_rnn.json

Cases: torch.nn.LSTM, GRU and RNN (tanh, relu) over whole sequences [T, B, I], with 1 or 2 layers, one or two
directions, with and without bias, with and without a given initial state (h0, and c0 for the LSTM). Each case holds
PyTorch's parameters under PyTorch's names (weight_ih_l0, ..., bias_hh_l1_reverse), which jtorch loads with
loadStateDict unchanged, the inputs, a gradOutput for every output, and PyTorch's outputs (y, and hN, cN when the
state was given), input gradients and parameter gradients.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import enc, write  # noqa: E402  (same encoding and file layout)

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def case(kind, i, h, layers, bidirectional, t, b, bias=True, state=True, nonlinearity="tanh"):
    extra = {"nonlinearity": nonlinearity} if kind == "RNN" else {}
    m = getattr(torch.nn, kind)(i, h, num_layers=layers, bias=bias, bidirectional=bidirectional, **extra)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(randn(*p.shape, scale=0.5))
    d = 2 if bidirectional else 1
    x = randn(t, b, i).requires_grad_()
    states = []
    if state:
        states = [randn(layers * d, b, h).requires_grad_() for _ in range(2 if kind == "LSTM" else 1)]
    if kind == "LSTM":
        y, (hn, cn) = m(x, tuple(states)) if state else m(x)
        outs = [y, hn, cn] if state else [y]
    else:
        y, hn = m(x, states[0]) if state else m(x)
        outs = [y, hn] if state else [y]
    gos = [randn(*o.shape) for o in outs]
    names = [n for n, _ in m.named_parameters()]
    leaves = [x] + states + [p for _, p in m.named_parameters()]
    grads = torch.autograd.grad(outs, leaves, gos)
    k = 1 + len(states)
    return {"module": kind, "inputSize": i, "hiddenSize": h, "numLayers": layers, "bidirectional": bidirectional,
            "bias": bias, "relu": nonlinearity == "relu",
            "params": {n: enc(p.detach()) for n, p in m.named_parameters()},
            "inputs": [enc(v.detach()) for v in [x] + states], "gradOutput": [enc(g) for g in gos],
            "output": [enc(o.detach()) for o in outs], "gradInput": [enc(g) for g in grads[:k]],
            "grads": {n: enc(g) for n, g in zip(names, grads[k:])}}


def main():
    cases = [case("LSTM", 3, 4, 2, True, 5, 3), case("LSTM", 4, 3, 1, False, 4, 2, bias=False, state=False),
             case("LSTM", 2, 3, 2, False, 3, 2),
             case("GRU", 3, 4, 2, True, 5, 3), case("GRU", 4, 3, 1, False, 4, 2, bias=False, state=False),
             case("RNN", 3, 4, 2, True, 5, 3), case("RNN", 3, 4, 2, False, 4, 2, nonlinearity="relu"),
             case("RNN", 2, 3, 1, True, 3, 2, bias=False, state=False)]
    write("fused_rnn.json", {"generator": "tools/golden/make_fused_rnn_golden.py", "cases": cases})
    return 0


if __name__ == "__main__":
    sys.exit(main())
