"""PyTorch CPU side of the character Transformer (jtorch.examples.CharTransformer), same configuration and training
loop: nanoGPT's CPU shakespeare_char run (4 layers, 4 heads, 128 wide, context 64, batch 12, 2000 iterations, no
dropout, AdamW lr 1e-3 warm-up 100 cosine to 1e-4, betas 0.9/0.99, weight decay 0.1 on matrices and embeddings, grad
clip 1), built from torch.nn.TransformerEncoderLayer (norm_first, causal mask) as the jtorch model is.

    python3 bench/peer/char_transformer_torch.py [file] [threads] [iters] [eval_iters] [final_eval_iters] [tie 0|1] \
        [bias 0|1] [gelu exact|tanh] [--seed S] [--recipe head|2023-02]

The output layer's weight is tied to the embedding (nanoGPT's weight tying) unless tie is 0. As nanoGPT's model
(bias=False) by default: no biases anywhere (torch 1.13's layers have no bias switch, so every bias is set to zero and
frozen, which is the same function, gradients and optimizer state as leaving it out; the output layer has none) and the
exact GELU; bias 1 and gelu tanh give the earlier variant (trained zero-initialised biases, tanh GELU). --recipe 2023-02
trains as nanoGPT did on 2023-02-05 (commit 23a8e70, when its README's 1.88 was written): weight decay 0.01 on the
Linear weights only (not the embeddings, so not the tied output layer), warm-up lr*it/warmup, tanh GELU.

Prints the losses (eval_iters batches) every 250 iterations, then `torch: val loss X, train loss Y ...` (final_eval_iters
batches) and `final: seed S val20 A val200 B valAll C train200 D` (valAll: the whole validation split cut into disjoint
windows of 64; batchSd: the standard deviation of the final val batches' losses). bench/peer/char_transformer_replay_torch.py imports this file's Model and step.
"""
import argparse
import functools
import math
import time

import torch
import torch.nn.functional as F

LAYERS, HEADS, WIDTH, CONTEXT, BATCH = 4, 4, 128, 64, 12
LR, MIN_LR, WARMUP, CLIP = 1e-3, 1e-4, 100, 1.0


def load(path):
    text = open(path, encoding="utf-8").read()
    chars = sorted(set(text))
    stoi = {c: i for i, c in enumerate(chars)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    n = int(0.9 * len(data))
    return data[:n], data[n:], len(chars)


class Model(torch.nn.Module):
    def __init__(self, V, tie=True, bias=False, gelu="exact"):
        super().__init__()
        self.wte = torch.nn.Embedding(V, WIDTH)
        self.wpe = torch.nn.Parameter(torch.zeros(CONTEXT, WIDTH))
        act = functools.partial(F.gelu, approximate="tanh") if gelu == "tanh" else F.gelu
        self.layers = torch.nn.ModuleList([torch.nn.TransformerEncoderLayer(WIDTH, HEADS, 4 * WIDTH, dropout=0.0,
                                           activation=act, norm_first=True) for _ in range(LAYERS)])
        self.ln = torch.nn.LayerNorm(WIDTH)
        self.head = torch.nn.Linear(WIDTH, V, bias=bias)
        self.register_buffer("mask", torch.triu(torch.ones(CONTEXT, CONTEXT, dtype=torch.bool), diagonal=1))
        for name, p in self.named_parameters():
            if p.dim() == 1:
                torch.nn.init.zeros_(p) if name.endswith("bias") else torch.nn.init.ones_(p)
            else:
                residual = name.endswith("out_proj.weight") or name.endswith("linear2.weight")
                torch.nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * LAYERS) if residual else 0.02)
        if tie:
            self.head.weight = self.wte.weight
        if not bias:
            for name, p in self.named_parameters():
                if name.endswith("bias"):
                    p.requires_grad_(False)

    def forward(self, x):  # x [T, B]
        t = x.shape[0]
        h = self.wte(x) + self.wpe[:t].unsqueeze(1)
        for layer in self.layers:
            h = layer(h, src_mask=self.mask[:t, :t])
        return self.head(self.ln(h).reshape(-1, WIDTH))


def optimizer(model, recipe):
    """AdamW as nanoGPT's configure_optimizers: today every matrix decays (0.1); in 2023-02 the Linear weights (0.01)."""
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]  # the tied weight once, as wte.weight
    if recipe == "head":
        wd, decay = 0.1, [p for _, p in named if p.dim() >= 2]
    else:
        wd, decay = 0.01, [p for n, p in named if p.dim() >= 2 and n not in ("wte.weight", "wpe")]
    no_decay = [p for _, p in named if all(p is not q for q in decay)]
    return torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=LR, betas=(0.9, 0.99), eps=1e-8)


def lr_at(it, iters, recipe="head"):
    if it < WARMUP:
        return LR * it / WARMUP if recipe == "2023-02" else LR * (it + 1) / (WARMUP + 1)
    if it > iters:
        return MIN_LR
    ratio = (it - WARMUP) / (iters - WARMUP)
    return MIN_LR + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (LR - MIN_LR)


def windows(d, ix):
    x = torch.stack([d[i:i + CONTEXT] for i in ix], dim=1)
    y = torch.stack([d[i + 1:i + 1 + CONTEXT] for i in ix], dim=1)
    return x, y.reshape(-1)


def get_batch(d):
    return windows(d, torch.randint(len(d) - CONTEXT, (BATCH,)).tolist())


def step(model, opt, x, y, lr):
    """One iteration; returns the loss before the update and the gradient norm before clipping."""
    for g in opt.param_groups:
        g["lr"] = lr
    loss = F.cross_entropy(model(x), y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], CLIP)
    opt.step()
    return loss.item(), norm.item()


@torch.no_grad()
def estimate(model, d, k, sd=False):
    """The mean loss of k random batches of d (and the batch losses' standard deviation if sd)."""
    model.eval()
    losses = [F.cross_entropy(model(x), y).item() for x, y in (get_batch(d) for _ in range(k))]
    model.train()
    mean = sum(losses) / k
    return (mean, math.sqrt(sum((v - mean) ** 2 for v in losses) / (k - 1)) if k > 1 else float("nan")) if sd else mean


@torch.no_grad()
def exact(model, d):
    """The mean loss over d cut into disjoint windows of CONTEXT (every position once)."""
    model.eval()
    w = (len(d) - 1) // CONTEXT
    s = 0.0
    for lo in range(0, w, BATCH):
        ix = [(lo + b) * CONTEXT for b in range(min(BATCH, w - lo))]
        x, y = windows(d, ix)
        s += F.cross_entropy(model(x), y).item() * len(ix)
    model.train()
    return s / w


def main():
    a = argparse.ArgumentParser()
    a.add_argument("file", nargs="?", default="/work/shared/data/tinyshakespeare.txt")
    for name, dflt in (("threads", 1), ("iters", 2000), ("eval_iters", 20), ("final_eval_iters", 200), ("tie", 1),
                       ("bias", 0)):
        a.add_argument(name, nargs="?", type=int, default=dflt)
    a.add_argument("gelu", nargs="?", default=None, choices=("exact", "tanh"))
    a.add_argument("--seed", type=int, default=1337)
    a.add_argument("--recipe", default="head", choices=("head", "2023-02"))
    o = a.parse_args()
    gelu = o.gelu or ("tanh" if o.recipe == "2023-02" else "exact")
    torch.set_num_threads(o.threads)
    torch.manual_seed(o.seed)
    train_data, val_data, V = load(o.file)
    model = Model(V, o.tie != 0, o.bias != 0, gelu)
    opt = optimizer(model, o.recipe)
    t0 = time.perf_counter()
    for it in range(o.iters + 1):
        if it % 250 == 0 or it == o.iters:
            tr, va = estimate(model, train_data, o.eval_iters), estimate(model, val_data, o.eval_iters)
            print(f"step {it}: train loss {tr:.4f}, val loss {va:.4f} ({time.perf_counter() - t0:.1f} s)", flush=True)
        if it == o.iters:
            break
        step(model, opt, *get_batch(train_data), lr_at(it, o.iters, o.recipe))
    seconds = time.perf_counter() - t0
    va20 = va
    tr, (va, va_sd) = estimate(model, train_data, o.final_eval_iters), estimate(model, val_data, o.final_eval_iters, True)
    va_all = exact(model, val_data)
    print(f"torch: val loss {va:.4f}, train loss {tr:.4f} nats/char after {o.iters} iterations, {seconds:.1f} s "
          f"training ({o.threads} threads, {'tied' if o.tie else 'untied'}, {'biases' if o.bias else 'no biases'}, "
          f"{gelu} GELU, recipe {o.recipe}, seed {o.seed})")
    print(f"final: seed {o.seed} val{o.eval_iters} {va20:.4f} val{o.final_eval_iters} {va:.4f} valAll {va_all:.4f} "
          f"train{o.final_eval_iters} {tr:.4f} batchSd {va_sd:.4f}", flush=True)


if __name__ == "__main__":
    main()
