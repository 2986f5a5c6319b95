"""PyTorch CPU side of the character Transformer (jtorch.examples.CharTransformer), same configuration and training
loop: nanoGPT's CPU shakespeare_char run (4 layers, 4 heads, 128 wide, context 64, batch 12, 2000 iterations, no
dropout, AdamW lr 1e-3 warm-up 100 cosine to 1e-4, betas 0.9/0.99, weight decay 0.1 on matrices and embeddings, grad
clip 1), built from torch.nn.TransformerEncoderLayer (norm_first, causal mask) as the jtorch model is.

    python3 bench/peer/char_transformer_torch.py [file] [threads] [iters] [eval_iters] [final_eval_iters] [tie 0|1] \
        [bias 0|1] [gelu exact|tanh]

The output layer's weight is tied to the embedding (nanoGPT's weight tying) unless tie is 0. As nanoGPT's model
(bias=False) by default: no biases anywhere (torch 1.13's layers have no bias switch, so every bias is set to zero and
frozen, which is the same function, gradients and optimizer state as leaving it out; the output layer has none) and the
exact GELU; bias 1 and gelu tanh give the earlier variant (trained zero-initialised biases, tanh GELU).

Prints the losses at every 250 iterations and `torch: val loss X, train loss Y ... Z s training (N threads)`.
"""
import functools
import math
import sys
import time

import torch
import torch.nn.functional as F

path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/tinyshakespeare.txt"
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
iters = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
eval_iters = int(sys.argv[4]) if len(sys.argv) > 4 else 20
final_eval_iters = int(sys.argv[5]) if len(sys.argv) > 5 else 200
tie = (int(sys.argv[6]) if len(sys.argv) > 6 else 1) != 0
bias = (int(sys.argv[7]) if len(sys.argv) > 7 else 0) != 0
gelu = sys.argv[8] if len(sys.argv) > 8 else "exact"
assert gelu in ("exact", "tanh"), gelu
eval_interval, layers, heads, width, context, batch = 250, 4, 4, 128, 64, 12
lr, min_lr, warmup, wd, clip = 1e-3, 1e-4, 100, 0.1, 1.0
torch.set_num_threads(threads)
torch.manual_seed(1337)

text = open(path, encoding="utf-8").read()
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
n = int(0.9 * len(data))
train_data, val_data = data[:n], data[n:]
V = len(chars)


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = torch.nn.Embedding(V, width)
        self.wpe = torch.nn.Parameter(torch.zeros(context, width))
        act = functools.partial(F.gelu, approximate="tanh") if gelu == "tanh" else F.gelu
        self.layers = torch.nn.ModuleList([torch.nn.TransformerEncoderLayer(width, heads, 4 * width, dropout=0.0,
                                           activation=act, norm_first=True) for _ in range(layers)])
        self.ln = torch.nn.LayerNorm(width)
        self.head = torch.nn.Linear(width, V, bias=bias)
        self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), diagonal=1))
        for name, p in self.named_parameters():
            if p.dim() == 1:
                torch.nn.init.zeros_(p) if name.endswith("bias") else torch.nn.init.ones_(p)
            else:
                residual = name.endswith("out_proj.weight") or name.endswith("linear2.weight")
                torch.nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * layers) if residual else 0.02)
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
        return self.head(self.ln(h).reshape(-1, width))


def get_batch(d):
    ix = torch.randint(len(d) - context, (batch,))
    x = torch.stack([d[i:i + context] for i in ix], dim=1)
    y = torch.stack([d[i + 1:i + 1 + context] for i in ix], dim=1)
    return x, y.reshape(-1)


@torch.no_grad()
def estimate(model, k):
    model.eval()
    losses = []
    for d in (train_data, val_data):
        s = 0.0
        for _ in range(k):
            x, y = get_batch(d)
            s += F.cross_entropy(model(x), y).item()
        losses.append(s / k)
    model.train()
    return losses


def lr_at(it):
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    if it > iters:
        return min_lr
    ratio = (it - warmup) / (iters - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


model = Model()
decay = [p for p in model.parameters() if p.dim() >= 2 and p.requires_grad]
no_decay = [p for p in model.parameters() if p.dim() < 2 and p.requires_grad]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}], lr=lr,
                        betas=(0.9, 0.99), eps=1e-8)
t0 = time.perf_counter()
for it in range(iters + 1):
    if it % eval_interval == 0 or it == iters:
        tr, va = estimate(model, final_eval_iters if it == iters else eval_iters)
        print(f"step {it}: train loss {tr:.4f}, val loss {va:.4f} ({time.perf_counter() - t0:.1f} s)", flush=True)
    if it == iters:
        break
    for g in opt.param_groups:
        g["lr"] = lr_at(it)
    x, y = get_batch(train_data)
    loss = F.cross_entropy(model(x), y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], clip)
    opt.step()
print(f"torch: val loss {va:.4f}, train loss {tr:.4f} nats/char after {iters} iterations, "
      f"{time.perf_counter() - t0:.1f} s training ({threads} threads, {'tied' if tie else 'untied'}, "
      f"{'biases' if bias else 'no biases'}, {gelu} GELU)")
