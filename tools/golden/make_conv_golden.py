#!/usr/bin/env python3
"""Writes jtorch's convolution golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_conv_golden.py       # from the repository root; rewrites core/src/test/resources/golden/conv.json

Beside make_golden.py (same tensor encoding: {"shape": [...], "data": [row-major values]}, floats via repr()).
Each case: a jtorch module name and its constructor arguments (jtorch's names: nInputPlane, nOutputPlane, kernel,
stride, padding, dilation, groups, outputPadding; withBias for the bias argument), PyTorch's weight [and bias], an input, a gradOutput, and
PyTorch's output, gradInput, gradWeight [and gradBias]. 1-d/2-d/3-d convolutions (torch.nn.ConvNd) with stride,
padding, dilation and groups, and transposed ones (torch.nn.ConvTransposeNd) with output padding; the weight layouts
are the same in both libraries.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import enc, write  # noqa: E402  (same encoding and file layout)

torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape, scale=1.0):
    """Normal values rounded to multiples of 1/64: exact in float32 too, and short in the file."""
    return torch.round(torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale * 64) / 64


def tup(v, n):
    return list(v) if isinstance(v, (list, tuple)) else [v] * n


NAMES = {(1, False): "TemporalConvolution", (2, False): "SpatialConvolution", (3, False): "VolumetricConvolution",
         (1, True): "TemporalFullConvolution", (2, True): "SpatialFullConvolution",
         (3, True): "VolumetricFullConvolution"}


def case(n, transposed, c_in, c_out, x_shape, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True,
         output_padding=0):
    cls = [torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d][n - 1]
    kw = dict(stride=stride, padding=padding, dilation=dilation, groups=groups, bias=bias)
    if transposed:
        cls = [torch.nn.ConvTranspose1d, torch.nn.ConvTranspose2d, torch.nn.ConvTranspose3d][n - 1]
        kw["output_padding"] = output_padding
    m = cls(c_in, c_out, kernel, **kw)
    with torch.no_grad():
        m.weight.copy_(randn(*m.weight.shape, scale=0.5))
        if bias:
            m.bias.copy_(randn(c_out, scale=0.5))
    x = randn(*x_shape).requires_grad_()
    y = m(x)
    go = randn(*y.shape)
    params = [x, m.weight] + ([m.bias] if bias else [])
    grads = torch.autograd.grad(y, params, go)
    c = {"module": NAMES[(n, transposed)], "nInputPlane": c_in, "nOutputPlane": c_out, "kernel": tup(kernel, n),
         "stride": tup(stride, n), "padding": tup(padding, n), "dilation": tup(dilation, n), "groups": groups,
         "withBias": bias}
    if transposed:
        c["outputPadding"] = tup(output_padding, n)
    c.update({"weight": enc(m.weight), "input": enc(x), "gradOutput": enc(go), "output": enc(y),
              "gradInput": enc(grads[0]), "gradWeight": enc(grads[1])})
    if bias:
        c.update({"bias": enc(m.bias), "gradBias": enc(grads[2])})
    return c


def conv_cases():
    return [
        case(1, False, 4, 6, (2, 4, 9), 3, stride=2, padding=1, dilation=2, groups=2),
        case(1, False, 3, 3, (2, 3, 6), 6, bias=False),                                    # kernel = input
        case(2, False, 1, 6, (2, 1, 10, 10), 5),                                            # LeNet's first layer
        case(2, False, 3, 4, (2, 3, 7, 6), (3, 2), stride=(2, 1), padding=(1, 2), dilation=(1, 3)),
        case(2, False, 4, 4, (1, 4, 6, 7), 3, padding=1, groups=4, bias=False),             # depthwise
        case(2, False, 2, 3, (1, 2, 7, 7), 1, stride=3),                                    # 1x1, stride > kernel
        case(3, False, 2, 4, (1, 2, 4, 5, 4), (2, 3, 2), stride=(1, 2, 1), padding=(1, 0, 1), dilation=(2, 1, 1),
             groups=2),
        case(1, True, 4, 2, (2, 4, 5), 3, stride=2, padding=1, output_padding=1, groups=2),
        case(2, True, 3, 4, (1, 3, 3, 4), (3, 4), stride=(2, 3), padding=(1, 1), output_padding=(1, 2)),
        case(2, True, 2, 2, (1, 2, 4, 4), 3, stride=2, padding=2, output_padding=1, dilation=2),
        case(3, True, 2, 2, (1, 2, 3, 3, 2), 2, stride=2, output_padding=(1, 0, 1)),
    ]


def main():
    write("conv.json", {"generator": "tools/golden/make_conv_golden.py", "cases": conv_cases()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
