#!/usr/bin/env python3
"""Writes jtorch's attention golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_attention_golden.py   # from the repository root; rewrites core/src/test/resources/golden/attention.json

Same tensor encoding as make_golden.py. Cases: torch.nn.MultiheadAttention (self-attention; cross-attention with a
key padding mask; causal self-attention with padding; without bias), torch.nn.TransformerEncoderLayer (post-norm relu;
pre-norm gelu-tanh, causal, padded; pre-norm exact GELU, causal, without biases) and torch.nn.TransformerDecoderLayer
(post-norm causal; pre-norm padded; post-norm without biases), all batch_first=False, dropout 0. torch 1.13's layers
have no bias switch: "without biases" zeroes and freezes every bias, which leaves them out of params and grads. Each case holds the parameters under PyTorch's state_dict names (jtorch renames them
with jtorch.nn.attention.TorchNames), the float inputs, the masks ([B, T] ints, 1 = padded), a gradOutput, PyTorch's
output, the gradients of every float input and of every parameter, and for MultiheadAttention the head-averaged
attention weights.
"""
import functools
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import enc, write  # noqa: E402

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def randomise(m):
    with torch.no_grad():
        for n, p in m.named_parameters():
            if n.startswith("norm"):
                p.copy_(1 + randn(*p.shape, scale=0.2) if n.endswith("weight") else randn(*p.shape, scale=0.2))
            else:
                p.copy_(randn(*p.shape, scale=0.4))


def pad_mask(b, t, padded):
    m = torch.zeros(b, t, dtype=torch.bool)
    for bi, n in enumerate(padded):
        if n:
            m[bi, t - n:] = True
    return m


def causal(t):
    return torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)


def result(name, kind, args, m, inputs, masks, out, extra=None):
    go = randn(*out.shape)
    params = [(n, p) for n, p in m.named_parameters() if p.requires_grad]
    grads = torch.autograd.grad(out, inputs + [p for _, p in params], go)
    case = {"name": name, "module": kind, "args": args, "params": {n: enc(p.detach()) for n, p in params},
            "inputs": [enc(x.detach()) for x in inputs], "masks": [enc(mk.to(torch.int64)) for mk in masks],
            "gradOutput": enc(go), "output": enc(out.detach()),
            "gradInput": [enc(g) for g in grads[:len(inputs)]],
            "grads": {n: enc(g) for (n, _), g in zip(params, grads[len(inputs):])}}
    if extra:
        case.update(extra)
    return case


def mha_case(name, e, h, tq, tk, b, bias=True, self_attn=True, padded=None, is_causal=False):
    m = torch.nn.MultiheadAttention(e, h, bias=bias)
    randomise(m)
    q = randn(tq, b, e).requires_grad_()
    if self_attn:
        k = v = q
        inputs = [q]
    else:
        k = randn(tk, b, e).requires_grad_()
        v = randn(tk, b, e).requires_grad_()
        inputs = [q, k, v]
    masks = [pad_mask(b, tk, padded)] if padded else []
    out, w = m(q, k, v, key_padding_mask=masks[0] if masks else None, attn_mask=causal(tq) if is_causal else None,
               need_weights=True)
    args = {"embedDim": e, "numHeads": h, "bias": bias, "causal": is_causal}
    return result(name, "MultiHeadAttention", args, m, inputs, masks, out, {"weights": enc(w.detach())})


def without_bias(m):
    """torch 1.13's layers have no bias switch: zero every bias and freeze it (left out of params and grads)."""
    with torch.no_grad():
        for n, p in m.named_parameters():
            if n.endswith("bias"):
                p.zero_()
                p.requires_grad_(False)


def encoder_case(name, e, h, ffn, t, b, norm_first=False, gelu=False, is_causal=False, padded=None, bias=True,
                 exact=False):
    act = F.gelu if exact else functools.partial(F.gelu, approximate="tanh") if gelu else "relu"
    m = torch.nn.TransformerEncoderLayer(e, h, ffn, dropout=0.0, activation=act, norm_first=norm_first)
    randomise(m)
    if not bias:
        without_bias(m)
    x = randn(t, b, e).requires_grad_()
    masks = [pad_mask(b, t, padded)] if padded else []
    out = m(x, src_mask=causal(t) if is_causal else None, src_key_padding_mask=masks[0] if masks else None)
    args = {"dModel": e, "nHead": h, "dimFeedforward": ffn,
            "activation": "gelu_exact" if exact else "gelu" if gelu else "relu", "normFirst": norm_first,
            "causal": is_causal, "bias": bias}
    return result(name, "TransformerEncoderLayer", args, m, [x], masks, out)


def decoder_case(name, e, h, ffn, t, s, b, norm_first=False, gelu=False, is_causal=True, padded=None, bias=True):
    act = functools.partial(F.gelu, approximate="tanh") if gelu else "relu"
    m = torch.nn.TransformerDecoderLayer(e, h, ffn, dropout=0.0, activation=act, norm_first=norm_first)
    randomise(m)
    if not bias:
        without_bias(m)
    x = randn(t, b, e).requires_grad_()
    mem = randn(s, b, e).requires_grad_()
    masks = [pad_mask(b, t, padded[0]), pad_mask(b, s, padded[1])] if padded else []
    out = m(x, mem, tgt_mask=causal(t) if is_causal else None,
            tgt_key_padding_mask=masks[0] if masks else None, memory_key_padding_mask=masks[1] if masks else None)
    args = {"dModel": e, "nHead": h, "dimFeedforward": ffn, "activation": "gelu" if gelu else "relu",
            "normFirst": norm_first, "causal": is_causal, "bias": bias}
    return result(name, "TransformerDecoderLayer", args, m, [x, mem], masks, out)


def main():
    cases = [mha_case("mha self", 6, 2, 4, 4, 3),
             mha_case("mha cross padded", 8, 4, 3, 5, 2, self_attn=False, padded=[0, 2]),
             mha_case("mha causal padded", 6, 3, 5, 5, 2, padded=[1, 0], is_causal=True),
             mha_case("mha cross no bias", 4, 1, 2, 3, 3, bias=False, self_attn=False),
             encoder_case("encoder post relu", 8, 2, 12, 5, 3),
             encoder_case("encoder pre gelu causal padded", 8, 4, 10, 4, 2, norm_first=True, gelu=True, is_causal=True,
                          padded=[0, 1]),
             decoder_case("decoder post causal", 8, 2, 12, 4, 5, 2),
             decoder_case("decoder pre gelu padded", 6, 3, 7, 3, 4, 2, norm_first=True, gelu=True, padded=([1, 0], [0, 2])),
             # appended (the earlier cases keep their random draws): nanoGPT's block, no biases, exact GELU
             encoder_case("encoder pre gelu-exact causal no bias", 8, 2, 16, 5, 2, norm_first=True, is_causal=True,
                          bias=False, exact=True),
             decoder_case("decoder post no bias", 6, 2, 9, 3, 4, 2, bias=False)]
    write("attention.json", {"generator": "tools/golden/make_attention_golden.py", "cases": cases})
    return 0


if __name__ == "__main__":
    sys.exit(main())
