#!/usr/bin/env python3
"""Writes jtorch's sequence-machinery golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_seq_golden.py       # from the repository root; rewrites core/src/test/resources/golden/seq.json

Same tensor encoding as make_golden.py. Cases:
- "recurrences": one-layer torch.nn.LSTM / nn.GRU over x [T, B, I] with a given initial state, (a) on the whole
  batch, (b) on right-padded variable-length sequences through pack_padded_sequence / pad_packed_sequence (the final
  state is each sequence's state at its last real step, outputs after the end are zero): what jtorch's
  Recurrence.of(cell) and Recurrence.maskZero(true) compute. PyTorch's weight_ih_l0 etc. are stored under the cell's
  names (weight_ih, ...). Holds the inputs, gradOutputs for y, hN (and cN), PyTorch's outputs and all gradients.
- "nll": nll_loss with ignore_index on log-probabilities [T, B, V] flattened, reduction mean and sum, with and
  without class weights: loss and gradient.
"""
import os
import sys

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import enc, write  # noqa: E402

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def recurrence_case(kind, t, b, i, h, lengths):
    m = getattr(torch.nn, kind)(i, h)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(randn(*p.shape, scale=0.5))
    x = randn(t, b, i)
    for col, n in enumerate(lengths):
        x[n:, col, :] = 0
    x.requires_grad_()
    states = [randn(1, b, h).requires_grad_() for _ in range(2 if kind == "LSTM" else 1)]
    s0 = tuple(states) if kind == "LSTM" else states[0]
    padded = min(lengths) < t
    if padded:
        packed = pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False)
        out, sn = m(packed, s0)
        y, _ = pad_packed_sequence(out, total_length=t)
    else:
        y, sn = m(x, s0)
    finals = list(sn) if kind == "LSTM" else [sn]
    outs = [y] + finals
    gos = [randn(*o.shape) for o in outs]
    names = [n for n, _ in m.named_parameters()]
    leaves = [x] + states + [p for _, p in m.named_parameters()]
    grads = torch.autograd.grad(outs, leaves, gos)
    k = 1 + len(states)
    cell = lambda n: n.replace("_l0", "")  # noqa: E731
    return {"module": kind, "inputSize": i, "hiddenSize": h, "lengths": lengths, "maskZero": padded,
            "params": {cell(n): enc(p.detach()) for n, p in m.named_parameters()},
            "inputs": [enc(x.detach())] + [enc(s.detach()[0]) for s in states],
            "gradOutput": [enc(gos[0])] + [enc(g[0]) for g in gos[1:]],
            "output": [enc(y.detach())] + [enc(f.detach()[0]) for f in finals],
            "gradInput": [enc(grads[0])] + [enc(g[0]) for g in grads[1:k]],
            "grads": {cell(n): enc(g) for n, g in zip(names, grads[k:])}}


def nll_case(t, b, v, pad, weighted, reduction):
    x = torch.log_softmax(randn(t, b, v), dim=2).detach().requires_grad_()
    y = torch.randint(0, v, (t, b), generator=GEN)
    y[t - 1, 0] = pad
    y[t - 2:, b - 1] = pad
    w = (torch.rand(v, generator=GEN, dtype=torch.float64) + 0.5) if weighted else None
    loss = torch.nn.functional.nll_loss(x.reshape(t * b, v), y.reshape(t * b), weight=w, ignore_index=pad,
                                        reduction=reduction)
    (g,) = torch.autograd.grad(loss, [x])
    c = {"input": enc(x.detach()), "target": enc(y), "ignoreIndex": pad, "sizeAverage": reduction == "mean",
         "loss": float(loss), "gradInput": enc(g)}
    if w is not None:
        c["weights"] = enc(w)
    return c


def main():
    recs = [recurrence_case("LSTM", 5, 3, 3, 4, [5, 5, 5]), recurrence_case("GRU", 5, 3, 3, 4, [5, 5, 5]),
            recurrence_case("LSTM", 5, 3, 3, 4, [5, 3, 1]), recurrence_case("GRU", 6, 4, 2, 3, [2, 6, 4, 1])]
    nll = [nll_case(4, 3, 5, 0, False, "mean"), nll_case(4, 3, 5, 2, True, "mean"), nll_case(3, 2, 4, 1, True, "sum")]
    write("seq.json", {"generator": "tools/golden/make_seq_golden.py", "recurrences": recs, "nll": nll})


if __name__ == "__main__":
    main()
