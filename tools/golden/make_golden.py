#!/usr/bin/env python3
"""Writes jtorch's golden fixtures from PyTorch (Debian's python3-torch, CPU), in float64.

    python3 tools/golden/make_golden.py            # from the repository root; rewrites core/src/test/resources/golden/

Every fixture stores its inputs as well as PyTorch's results, so the Java tests (core/src/test/java/jtorch/golden)
need neither Python nor PyTorch's random generator. A tensor is {"shape": [...], "data": [row-major values]}
(plus "dtype": "int" for class indices). Floats are written with repr(), which round-trips exactly.

  modules.json       Linear, LogSoftMax, SoftMax: input, gradOutput, output, gradInput (and Linear's weight, bias,
                     gradWeight, gradBias for that gradOutput)
  criteria.json      NLL, CrossEntropy, MarginRanking, CosineEmbedding, SmoothL1 (mean and sum): input, target,
                     loss, gradInput (d loss / d input)
  trajectories.json  20 optimizer steps (SGD+Nesterov, Adam, AdamW, RMSprop, Adagrad, Adadelta) on a 4-8-3 Tanh MLP
                     over one fixed batch, CrossEntropy and MSE losses: the initial flat parameters (PyTorch's
                     parameters() order = jtorch's getParameters order: weight [out, in], then bias, per layer), the
                     loss before every step and the flat parameters after the last one; and one 20-iteration
                     torch.optim.LBFGS call (fixed step, and strong Wolfe) with every closure evaluation's loss
Option names in "config" are jtorch's (Torch7's); OPTIMIZERS and LBFGS below map them to torch.optim arguments.
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "golden")
GEN = torch.Generator().manual_seed(20240604)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64) * scale


def enc(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "dtype": "int", "data": [int(v) for v in t.reshape(-1).tolist()]}
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def grads_of(out, inputs, grad_out):
    return torch.autograd.grad(out, inputs, grad_out)


def module_cases():
    cases = []
    # Linear 5 -> 4 on a batch of 3, weights drawn here and stored
    lin = torch.nn.Linear(5, 4)
    with torch.no_grad():
        lin.weight.copy_(randn(4, 5, scale=0.5))
        lin.bias.copy_(randn(4, scale=0.5))
    x = randn(3, 5).requires_grad_()
    y = lin(x)
    go = randn(3, 4)
    gx, gw, gb = grads_of(y, [x, lin.weight, lin.bias], go)
    cases.append({"module": "Linear", "inputSize": 5, "outputSize": 4, "weight": enc(lin.weight), "bias": enc(lin.bias),
                  "input": enc(x), "gradOutput": enc(go), "output": enc(y), "gradInput": enc(gx),
                  "gradWeight": enc(gw), "gradBias": enc(gb)})
    for name, fn in (("LogSoftMax", torch.nn.LogSoftmax(dim=1)), ("SoftMax", torch.nn.Softmax(dim=1))):
        for b, c, scale in ((4, 6, 1.0), (2, 3, 20.0)):  # the second with large logits (stability)
            x = randn(b, c, scale=scale).requires_grad_()
            y = fn(x)
            go = randn(b, c)
            (gx,) = grads_of(y, [x], go)
            cases.append({"module": name, "input": enc(x), "gradOutput": enc(go), "output": enc(y), "gradInput": enc(gx)})
    return cases


def criterion_case(name, loss_fn, inputs, target, size_average, **options):
    ins = [t.clone().requires_grad_() for t in inputs]
    loss = loss_fn(*ins, target)
    grads = torch.autograd.grad(loss, ins)
    return {"criterion": name, "sizeAverage": size_average, "options": options,
            "input": [enc(t) for t in ins] if len(ins) > 1 else enc(ins[0]), "target": enc(target),
            "loss": float(loss.item()), "gradInput": [enc(g) for g in grads] if len(ins) > 1 else enc(grads[0])}


def criterion_cases():
    cases = []
    b, c = 5, 4
    logits = randn(b, c, scale=2.0)
    logp = torch.log_softmax(logits, dim=1)
    cls = torch.tensor([0, 3, 1, 1, 2], dtype=torch.int64)
    weights = torch.tensor([0.5, 2.0, 1.0, 1.5])
    for mean in (True, False):
        red = "mean" if mean else "sum"
        cases.append(criterion_case("ClassNLLCriterion", torch.nn.NLLLoss(reduction=red), [logp], cls, mean))
        cases.append(criterion_case("CrossEntropyCriterion", torch.nn.CrossEntropyLoss(reduction=red), [logits], cls, mean))
        cases.append(criterion_case("ClassNLLCriterion", torch.nn.NLLLoss(weight=weights, reduction=red), [logp], cls, mean,
                                    weights=weights.tolist()))
        cases.append(criterion_case("CrossEntropyCriterion", torch.nn.CrossEntropyLoss(weight=weights, reduction=red),
                                    [logits], cls, mean, weights=weights.tolist()))
        cases.append(criterion_case("CrossEntropyCriterion", torch.nn.CrossEntropyLoss(ignore_index=1, reduction=red),
                                    [logits], cls, mean, ignoreIndex=1))
        # ranking: scores [6], y = ±1; some pairs inside the margin, some outside
        x1, x2 = randn(6), randn(6)
        y = torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
        for margin in (0.0, 0.5):
            cases.append(criterion_case("MarginRankingCriterion", torch.nn.MarginRankingLoss(margin=margin, reduction=red),
                                        [x1, x2], y, mean, margin=margin))
        e1, e2 = randn(6, 3), randn(6, 3)
        for margin in (0.0, 0.2):
            cases.append(criterion_case("CosineEmbeddingCriterion",
                                        torch.nn.CosineEmbeddingLoss(margin=margin, reduction=red), [e1, e2], y, mean,
                                        margin=margin))
        xs, ts = randn(3, 4), randn(3, 4)
        for beta in (1.0, 0.5):
            cases.append(criterion_case("SmoothL1Criterion", torch.nn.SmoothL1Loss(reduction=red, beta=beta), [xs], ts,
                                        mean, beta=beta))
    return cases


# jtorch option names -> the PyTorch optimizer built from them
OPTIMIZERS = [
    ("sgd", {"learningRate": 0.1, "momentum": 0.9, "nesterov": 1, "weightDecay": 1e-3, "dampening": 0},
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3, dampening=0)),
    ("adam", {"learningRate": 0.01}, lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam", {"learningRate": 0.01, "weightDecay": 0.01}, lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.01)),
    ("adamw", {"learningRate": 0.01, "weightDecay": 0.1}, lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1)),
    ("rmsprop", {"learningRate": 0.01}, lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("rmsprop", {"learningRate": 0.005, "alpha": 0.9, "weightDecay": 0.01},
     lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, weight_decay=0.01)),
    ("adagrad", {"learningRate": 0.1, "initialAccumulatorValue": 0.1, "learningRateDecay": 0.01},
     lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, lr_decay=0.01)),
    ("adadelta", {"learningRate": 1.0}, lambda p: torch.optim.Adadelta(p, lr=1.0)),
]

# torch.optim.LBFGS's defaults that differ from Torch7's (tolerance_grad 1e-7 on max|g| vs tolFun 1e-5 on sum|g|)
# never trigger in these 20 iterations, so the two follow the same path
LBFGS = [
    ({"maxIter": 20, "learningRate": 0.5, "nCorrection": 5}, False),
    ({"maxIter": 20, "learningRate": 1.0, "nCorrection": 10, "lineSearch": 1}, True),
]


def trajectories():
    torch.manual_seed(7)
    net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(randn(*p.shape, scale=0.5))
    init = torch.cat([p.detach().reshape(-1) for p in net.parameters()]).clone()
    x = randn(6, 4)
    cls = torch.tensor([0, 1, 2, 2, 1, 0], dtype=torch.int64)
    reg = randn(6, 3, scale=0.5)
    runs = []
    for loss_name, crit, target in (("CrossEntropyCriterion", torch.nn.CrossEntropyLoss(), cls),
                                    ("MSECriterion", torch.nn.MSELoss(), reg)):
        for opt_name, config, make in OPTIMIZERS:
            if loss_name == "MSECriterion" and opt_name not in ("sgd", "adam", "rmsprop"):
                continue
            with torch.no_grad():
                off = 0
                for p in net.parameters():
                    p.copy_(init[off:off + p.numel()].view_as(p))
                    off += p.numel()
            opt = make(net.parameters())
            losses = []
            for _ in range(20):
                opt.zero_grad()
                loss = crit(net(x), target)
                loss.backward()
                losses.append(float(loss.item()))
                opt.step()
            final = torch.cat([p.detach().reshape(-1) for p in net.parameters()])
            runs.append({"optimizer": opt_name, "config": config, "criterion": loss_name, "losses": losses,
                         "final": enc(final)})
        # L-BFGS: one call of 20 iterations; the losses are every closure evaluation (Torch7's f_hist)
        for config, ls in LBFGS:
            if loss_name == "MSECriterion" and ls:
                continue
            with torch.no_grad():
                off = 0
                for p in net.parameters():
                    p.copy_(init[off:off + p.numel()].view_as(p))
                    off += p.numel()
            opt = torch.optim.LBFGS(net.parameters(), lr=config["learningRate"], max_iter=config["maxIter"],
                                    history_size=config["nCorrection"], line_search_fn="strong_wolfe" if ls else None)
            losses = []

            def closure():
                opt.zero_grad()
                loss = crit(net(x), target)
                loss.backward()
                losses.append(float(loss.item()))
                return loss
            opt.step(closure)
            final = torch.cat([p.detach().reshape(-1) for p in net.parameters()])
            runs.append({"optimizer": "lbfgs", "config": config, "criterion": loss_name, "losses": losses,
                         "final": enc(final)})
    return {"layers": [4, 8, 3], "activation": "Tanh", "init": enc(init), "input": enc(x), "classTarget": enc(cls),
            "mseTarget": enc(reg), "steps": 20, "runs": runs}


def write(name, payload):
    payload = {"generator": "tools/golden/make_golden.py", "torch": torch.__version__, "dtype": "float64", **payload}
    path = os.path.join(OUT, name)
    with open(path, "w") as f:  # one top-level entry (one case, one run) per line: small, readable diffs
        f.write("{\n")
        items = list(payload.items())
        for i, (k, v) in enumerate(items):
            if isinstance(v, list) and v and isinstance(v[0], dict):
                body = "[\n" + ",\n".join("  " + json.dumps(e, separators=(",", ":")) for e in v) + "\n ]"
            else:
                body = json.dumps(v, separators=(",", ":"))
            f.write(" " + json.dumps(k) + ": " + body + ("," if i < len(items) - 1 else "") + "\n")
        f.write("}\n")
    json.load(open(path))  # sanity: the file parses
    print("wrote", os.path.relpath(path), os.path.getsize(path), "bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    write("modules.json", {"cases": module_cases()})
    write("criteria.json", {"cases": criterion_cases()})
    write("trajectories.json", trajectories())
    return 0


if __name__ == "__main__":
    sys.exit(main())
