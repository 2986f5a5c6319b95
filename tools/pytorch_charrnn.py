#!/usr/bin/env python3
"""char-rnn's default model trained with PyTorch on the CPU: the baseline of examples/.../CharRnn.java.

    /usr/bin/python3 tools/pytorch_charrnn.py [--threads 1] [--epochs 15] [--seconds S] [--eval-every 100]
        [--file /work/shared/data/tinyshakespeare.txt] [--out out/char-rnn-pytorch/curve.csv] [--seed 1]

The same model, data and training as jtorch's BpttTrainer (so the two curves compare like with like):
  data    vocabulary = the sorted distinct characters; the text cut to B*T*floor(N/(B*T)) characters, targets shifted
          by one (the last wraps to the first), viewed as B = 50 streams, batch i = chunk [i*T, (i+1)*T) of every
          stream, T = 50; the first floor(0.95 M) of the M batches train, the rest validate (char-rnn's
          CharSplitLMMinibatchLoader)
  model   one-hot input -> nn.LSTM(V, 128, 2) -> nn.Linear(128, V) -> log_softmax; every parameter U(-0.08, 0.08),
          then the forget-gate block of bias_ih_l<l> set to 1 (char-rnn's initialisation)
  train   the state carried from batch to batch (detached), reset to zero at each epoch; loss = mean NLL over T*B
          (nats/char), gradient = T * its gradient (char-rnn sums the per-step batch means), clamped element-wise to
          +-5, RMSprop lr 2e-3 alpha 0.95 eps 1e-8 (torch.optim.RMSprop adds eps after the sqrt, as Torch7);
          lr * 0.97 after every epoch >= 10
  eval    validation loss = mean over the validation batches, the state carried from zero, every --eval-every
          iterations and after each epoch
Writes a CSV 'seconds,iteration,epoch,train_loss,val_loss' (seconds: wall time since training started, evaluation
included), printing each line.
"""
import argparse
import math
import os
import time

import torch
from torch import nn


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--seconds", type=float, default=0)
    p.add_argument("--eval-every", type=int, default=100)
    p.add_argument("--file", default="/work/shared/data/tinyshakespeare.txt")
    p.add_argument("--out", default="out/char-rnn-pytorch/curve.csv")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--seq", type=int, default=50)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if not os.path.isfile(a.file):
        print("skipped: %s not found" % a.file)
        return

    text = open(a.file, encoding="utf-8").read()
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    v, b, t = len(vocab), a.batch, a.seq
    m = len(text) // (b * t)
    n = m * b * t
    x = torch.tensor([index[c] for c in text[:n]], dtype=torch.long)
    y = torch.empty_like(x)
    y[:-1] = x[1:]
    y[-1] = x[0]
    xs, ys = x.view(b, -1), y.view(b, -1)  # [B, L]
    ntrain = int(math.floor(m * 0.95))
    nval = m - ntrain

    def batch(i):  # [T, B]
        return xs[:, i * t:(i + 1) * t].t().contiguous(), ys[:, i * t:(i + 1) * t].t().contiguous()

    lstm = nn.LSTM(v, a.hidden, a.layers)
    head = nn.Linear(a.hidden, v)
    params = list(lstm.parameters()) + list(head.parameters())
    with torch.no_grad():
        for q in params:
            q.uniform_(-0.08, 0.08)
        for l in range(a.layers):
            getattr(lstm, "bias_ih_l%d" % l)[a.hidden:2 * a.hidden].fill_(1.0)
    eye = torch.eye(v)
    opt = torch.optim.RMSprop(params, lr=2e-3, alpha=0.95, eps=1e-8)

    def forward(xb, state):
        out, state = lstm(eye[xb], state)
        return torch.log_softmax(head(out.reshape(-1, a.hidden)), dim=1), state

    def evaluate():
        with torch.no_grad():
            state, total = None, 0.0
            for i in range(nval):
                xb, yb = batch(ntrain + i)
                lp, state = forward(xb, state)
                total += nn.functional.nll_loss(lp, yb.reshape(-1)).item()
            return total / nval

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    f = open(a.out, "w")
    f.write("seconds,iteration,epoch,train_loss,val_loss\n")
    print("%s: %d characters, vocabulary %d, %d training and %d validation batches of %d x %d; torch %s, %d threads"
          % (a.file, len(text), v, ntrain, nval, t, b, torch.__version__, torch.get_num_threads()), flush=True)
    t0 = time.perf_counter()
    it = 0
    stop = False

    def log(e, tr, val):
        line = "%.3f,%d,%d,%.5f,%.5f" % (time.perf_counter() - t0, it, e, tr, val)
        f.write(line + "\n")
        f.flush()
        print(line, flush=True)

    for e in range(1, a.epochs + 1):
        for g in opt.param_groups:
            g["lr"] = 2e-3 * 0.97 ** max(0, e - 10)
        state, total, k = None, 0.0, 0
        for i in range(ntrain):
            xb, yb = batch(i)
            lp, state = forward(xb, state)
            state = tuple(s.detach() for s in state)
            loss = nn.functional.nll_loss(lp, yb.reshape(-1))
            opt.zero_grad()
            (loss * t).backward()
            for q in params:
                q.grad.clamp_(-5, 5)
            opt.step()
            total += loss.item()
            k += 1
            it += 1
            if a.seconds > 0 and time.perf_counter() - t0 >= a.seconds:
                stop = True
                break
            if a.eval_every > 0 and it % a.eval_every == 0 and i + 1 < ntrain:
                log(e, total / k, evaluate())
        log(e, total / k, evaluate())
        if stop:
            break
    f.close()


if __name__ == "__main__":
    main()
