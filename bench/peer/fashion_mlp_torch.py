#!/usr/bin/env python3
"""PyTorch CPU peer of `jtorch train --data fashion-mnist --model mlp`: the same 784-256-128-10 ReLU MLP, the same
hyper-parameters and the same data handling, so bench/fashion-side-by-side.sh can print both in one run.

  data     Fashion-MNIST IDX .gz files (numpy + gzip), pixels / 255; 10 % of the training split held out for validation
           (a seeded random split; jtorch's split uses its own generator, so the examples differ, not the sizes)
  inputs   standardised per pixel with the training split's mean and std (population), every std raised to at least
           a tenth of the mean std (as jtorch's CLI does)
  model    Linear(784,256) ReLU Linear(256,128) ReLU Linear(128,10) LogSoftMax, ClassNLL (NLLLoss), PyTorch default init
           (U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases, the same as Torch7's)
  optim    SGD lr 0.05 momentum 0.9 weight decay 5e-4 (dampening 0, as jtorch's sgd), batch 128 shuffled each epoch,
           cosine learning rate per epoch: lr_e = lr * (1 + cos(pi * (e - 1) / E)) / 2, E epochs (20)
Prints one line of key=value pairs: test accuracy, training seconds (the epochs' training time, no validation), wall
seconds (data loading included) and training samples/s.
"""
import argparse
import gzip
import math
import os
import time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(d, prefix):
    def find(name):
        for p in (os.path.join(d, name + ".gz"), os.path.join(d, name)):
            if os.path.exists(p):
                return p
        raise SystemExit("fashion_mlp_torch: %s not found in %s" % (name, d))
    x = idx(find(prefix + "-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255
    y = idx(find(prefix + "-labels-idx1-ubyte")).astype(np.int64)
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--momentum", type=float, default=0.9)
    ap.add_argument("--weight-decay", type=float, default=5e-4)
    ap.add_argument("--val-fraction", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    t_start = time.perf_counter()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    x, y = load(a.data, "train")
    xt, yt = load(a.data, "t10k")
    perm = rng.permutation(len(x))
    n_val = int(round(len(x) * a.val_fraction))
    val_idx, tr_idx = perm[:n_val], perm[n_val:]
    xtr, ytr, xv, yv = x[tr_idx], y[tr_idx], x[val_idx], y[val_idx]
    mean, std = xtr.mean(0, keepdims=True), xtr.std(0, keepdims=True)
    std = np.maximum(std, 0.1 * std.mean())
    norm = lambda v: torch.from_numpy(((v - mean) / std).astype(np.float32))
    xtr, xv, xt = norm(xtr), norm(xv), norm(xt)
    ytr, yv, yt = torch.from_numpy(ytr), torch.from_numpy(yv), torch.from_numpy(yt)

    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10), torch.nn.LogSoftmax(dim=1))
    crit = torch.nn.NLLLoss()
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay)
    n = len(xtr)
    train_seconds = 0.0
    for e in range(1, a.epochs + 1):
        for g in opt.param_groups:
            g["lr"] = a.lr * (1 + math.cos(math.pi * (e - 1) / a.epochs)) / 2
        model.train()
        order = torch.randperm(n)
        t0 = time.perf_counter()
        loss_sum = 0.0
        for s in range(0, n, a.batch):
            idx_b = order[s:s + a.batch]
            xb, yb = xtr[idx_b], ytr[idx_b]
            opt.zero_grad()
            loss = crit(model(xb), yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx_b)
        train_seconds += time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            out = model(xv)
            vl, va = crit(out, yv).item(), (out.argmax(1) == yv).float().mean().item()
        print("torch epoch %d/%d  train loss %.4f  val loss %.4f acc %.2f%%" % (e, a.epochs, loss_sum / n, vl, 100 * va),
              flush=True)
    with torch.no_grad():
        model.eval()
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    print("RESULT peer=torch-%s threads=%d test_accuracy=%.4f train_seconds=%.2f wall_seconds=%.2f samples_per_s=%.0f"
          % (torch.__version__, a.threads, acc, train_seconds, time.perf_counter() - t_start,
             a.epochs * n / train_seconds))


if __name__ == "__main__":
    main()
