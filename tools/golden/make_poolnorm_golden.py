#!/usr/bin/python3
"""Writes the pooling / normalisation golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    /usr/bin/python3 tools/golden/make_poolnorm_golden.py   # from the repository root; rewrites golden/poolnorm.json

Every case stores its inputs and PyTorch's results (output, gradInput for the stored gradOutput, parameter
gradients), so PoolNormGoldenTest needs neither Python nor PyTorch's generator. The "module" field names the jtorch
module; the other fields are its constructor arguments in jtorch's (Torch7's) terms, mapped to PyTorch below.

  pooling   max 1-d/2-d/3-d (padding, ceil mode), average 1-d/2-d/3-d (count_include_pad on and off, ceil),
            LPPool2d (p = 2, 3 on positive inputs), adaptive max/average 1-d/2-d/3-d
  batch norm BatchNorm1d/2d/3d: five training steps on different batches (running statistics after them), the last
            step's output and gradients, then evaluation-mode output and gradInput on another batch
  LayerNorm, GroupNorm (random affine parameters), LocalResponseNorm (odd and even size)
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "golden")
GEN = torch.Generator().manual_seed(20261201)


def randn(*shape):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64)


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def run(case, fn, x, params=()):
    x = x.clone().requires_grad_()
    y = fn(x)
    go = randn(*y.shape)
    grads = torch.autograd.grad(y, [x, *params], go)
    case.update({"input": enc(x), "gradOutput": enc(go), "output": enc(y), "gradInput": enc(grads[0])})
    return case, grads[1:]


def pooling():
    cs = []
    # "k", "d", "pad", "out" are in tensor order ((H, W), (D, H, W)) as PyTorch takes them; the test reorders them
    # into Torch7's constructor order ((W, H), (T, W, H))
    cs.append(run({"module": "TemporalMaxPooling", "k": [3], "d": [2], "pad": [1], "ceil": True},
                  lambda x: F.max_pool1d(x, 3, 2, 1, ceil_mode=True), randn(2, 2, 9))[0])
    cs.append(run({"module": "SpatialMaxPooling", "k": [3, 2], "d": [2, 1], "pad": [1, 1], "ceil": True},
                  lambda x: F.max_pool2d(x, (3, 2), (2, 1), (1, 1), ceil_mode=True), randn(2, 2, 7, 6))[0])
    cs.append(run({"module": "SpatialMaxPooling", "k": [2, 2], "d": [3, 3], "pad": [0, 0], "ceil": False},
                  lambda x: F.max_pool2d(x, 2, 3), randn(1, 2, 8, 7))[0])  # stride > kernel, batch 1
    cs.append(run({"module": "VolumetricMaxPooling", "k": [2, 2, 3], "d": [1, 2, 2], "pad": [1, 0, 1], "ceil": False},
                  lambda x: F.max_pool3d(x, (2, 2, 3), (1, 2, 2), (1, 0, 1)), randn(1, 2, 3, 5, 6))[0])
    for include, ceil in ((True, True), (False, True), (True, False)):
        cs.append(run({"module": "SpatialAveragePooling", "k": [3, 3], "d": [2, 2], "pad": [1, 1], "ceil": ceil,
                       "countIncludePad": include},
                      lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=ceil, count_include_pad=include), randn(1, 2, 7, 6))[0])
    cs.append(run({"module": "TemporalAveragePooling", "k": [3], "d": [2], "pad": [1], "ceil": True, "countIncludePad": False},
                  lambda x: F.avg_pool1d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False), randn(2, 3, 8))[0])
    cs.append(run({"module": "VolumetricAveragePooling", "k": [2, 2, 3], "d": [1, 2, 2], "pad": [1, 0, 1], "ceil": False,
                   "countIncludePad": True},
                  lambda x: F.avg_pool3d(x, (2, 2, 3), (1, 2, 2), (1, 0, 1)), randn(1, 2, 3, 5, 6))[0])
    for p in (2.0, 3.0):
        cs.append(run({"module": "SpatialLPPooling", "p": p, "k": [3, 2], "d": [1, 2]},
                      lambda x: F.lp_pool2d(x, p, (3, 2), (1, 2)), randn(1, 3, 6, 7).abs() + 0.1)[0])
    cs.append(run({"module": "SpatialAdaptiveMaxPooling", "out": [3, 2]},
                  lambda x: F.adaptive_max_pool2d(x, (3, 2)), randn(2, 2, 7, 5))[0])
    cs.append(run({"module": "SpatialAdaptiveAveragePooling", "out": [4, 3]},
                  lambda x: F.adaptive_avg_pool2d(x, (4, 3)), randn(2, 2, 7, 5))[0])
    cs.append(run({"module": "TemporalAdaptiveAveragePooling", "out": [4]},
                  lambda x: F.adaptive_avg_pool1d(x, 4), randn(2, 3, 9))[0])
    cs.append(run({"module": "VolumetricAdaptiveMaxPooling", "out": [2, 2, 3]},
                  lambda x: F.adaptive_max_pool3d(x, (2, 2, 3)), randn(1, 2, 5, 4, 7))[0])
    return cs


def batch_norm():
    cs = []
    for name, torch_bn, shape in (("BatchNormalization", torch.nn.BatchNorm1d, (6, 3)),
                                  ("SpatialBatchNormalization", torch.nn.BatchNorm2d, (2, 3, 3, 4)),
                                  ("VolumetricBatchNormalization", torch.nn.BatchNorm3d, (2, 3, 2, 2, 3))):
        bn = torch_bn(3, eps=1e-5, momentum=0.1)
        with torch.no_grad():
            bn.weight.copy_(randn(3))
            bn.bias.copy_(randn(3))
        case = {"module": name, "nFeature": 3, "eps": 1e-5, "momentum": 0.1, "weight": enc(bn.weight), "bias": enc(bn.bias)}
        bn.train()
        steps = [randn(*shape) * 2 + 0.5 for _ in range(4)]
        with torch.no_grad():
            for s in steps:
                bn(s)
        case["steps"] = [enc(s) for s in steps]
        case, (gw, gb) = run(case, bn, randn(*shape) * 2 + 0.5, (bn.weight, bn.bias))  # the 5th training step
        case.update({"gradWeight": enc(gw), "gradBias": enc(gb), "runningMean": enc(bn.running_mean),
                     "runningVar": enc(bn.running_var)})
        bn.eval()
        ev, _ = run({}, bn, randn(*shape))
        case["eval"] = ev
        cs.append(case)
    return cs


def others():
    cs = []
    ln = torch.nn.LayerNorm([3, 4], eps=1e-5)
    with torch.no_grad():
        ln.weight.copy_(randn(3, 4))
        ln.bias.copy_(randn(3, 4))
    c, (gw, gb) = run({"module": "LayerNormalization", "normalizedShape": [3, 4], "eps": 1e-5, "weight": enc(ln.weight),
                       "bias": enc(ln.bias)}, ln, randn(2, 2, 3, 4) * 3 + 1, (ln.weight, ln.bias))
    c.update({"gradWeight": enc(gw), "gradBias": enc(gb)})
    cs.append(c)
    gn = torch.nn.GroupNorm(2, 6, eps=1e-5)
    with torch.no_grad():
        gn.weight.copy_(randn(6))
        gn.bias.copy_(randn(6))
    c, (gw, gb) = run({"module": "GroupNormalization", "numGroups": 2, "numChannels": 6, "eps": 1e-5,
                       "weight": enc(gn.weight), "bias": enc(gn.bias)}, gn, randn(2, 6, 3, 2) * 2 - 1, (gn.weight, gn.bias))
    c.update({"gradWeight": enc(gw), "gradBias": enc(gb)})
    cs.append(c)
    for size in (5, 4):
        lrn = torch.nn.LocalResponseNorm(size, alpha=0.05, beta=0.75, k=2.0)
        cs.append(run({"module": "SpatialCrossMapLRN", "size": size, "alpha": 0.05, "beta": 0.75, "k": 2.0}, lrn,
                      randn(2, 7, 3, 3) * 2)[0])
    return cs


def main():
    payload = {"generator": "tools/golden/make_poolnorm_golden.py", "torch": torch.__version__, "dtype": "float64",
               "cases": pooling() + batch_norm() + others()}
    path = os.path.join(OUT, "poolnorm.json")
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
