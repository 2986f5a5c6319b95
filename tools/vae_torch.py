#!/usr/bin/python3
"""PyTorch CPU peer of jtorch's Vae example (examples/.../Vae.java runs it in the same run): the same MLP VAE
784-H ReLU-{mu, logvar} Z / Z-H ReLU-784 logits, Bernoulli decoder (binary_cross_entropy_with_logits summed over
pixels) + closed-form KL, averaged over the batch; Adam (lr, betas 0.9/0.999, eps 1e-8); PyTorch's nn.Linear default
initialisation U(-1/sqrt(in), 1/sqrt(in)) (jtorch's Linear default too); Fashion-MNIST pixels binarised at gray level
>= 128; batch, epochs, train/test sizes as given; shuffles and noise from torch's generator seeded with --seed.
Prints one line per epoch and `RESULT latent=Z elbo=E iwae=I train_seconds=S train_cpu_seconds=C` (test ELBO with one z per image, and
the importance-weighted bound of Burda et al. with k samples, nats per image).

    /usr/bin/python3 tools/vae_torch.py --latent 20 --epochs 12 --threads 2
"""
import argparse
import gzip
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

a = argparse.ArgumentParser()
a.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
for name, v in (("latent", 20), ("epochs", 12), ("hidden", 400), ("batch", 100), ("train", 60000), ("test", 10000),
                ("k", 100), ("seed", 1), ("threads", 1)):
    a.add_argument("--" + name, type=int, default=v)
a.add_argument("--lr", type=float, default=1e-3)
args = a.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def images(name, n):
    path = os.path.join(args.data, name + "-images-idx3-ubyte")
    raw = gzip.open(path + ".gz").read() if os.path.exists(path + ".gz") else open(path, "rb").read()
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[:n]
    return torch.from_numpy((x >= 128).astype(np.float32))


train_x, test_x = images("train", args.train), images("t10k", args.test)


class VAE(nn.Module):
    def __init__(self, p, h, z):
        super().__init__()
        self.enc, self.mu, self.lv = nn.Linear(p, h), nn.Linear(h, z), nn.Linear(h, z)
        self.dec1, self.dec2 = nn.Linear(z, h), nn.Linear(h, p)
        for m in self.modules():  # jtorch's Linear: weight and bias both U(-1/sqrt(in), 1/sqrt(in))
            if isinstance(m, nn.Linear):
                b = 1 / math.sqrt(m.in_features)
                nn.init.uniform_(m.weight, -b, b)
                nn.init.uniform_(m.bias, -b, b)

    def encode(self, x):
        h = F.relu(self.enc(x))
        return self.mu(h), self.lv(h)

    def decode(self, z):
        return self.dec2(F.relu(self.dec1(z)))


def loss_sum(model, x):
    mu, lv = model.encode(x)
    z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
    rec = F.binary_cross_entropy_with_logits(model.decode(z), x, reduction="sum")
    kl = -0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())
    return rec + kl


model = VAE(784, args.hidden, args.latent)
opt = torch.optim.Adam(model.parameters(), lr=args.lr)


@torch.no_grad()
def elbo(x):
    return -sum(float(loss_sum(model, x[i:i + 500])) for i in range(0, len(x), 500)) / len(x)


@torch.no_grad()
def iwae(x, k):
    s, b = 0.0, max(1, 5000 // k)
    for i in range(0, len(x), b):
        xb = x[i:i + b]
        mu, lv = model.encode(xb)
        mu, lv, xr = (t.repeat_interleave(k, 0) for t in (mu, lv, xb))
        eps = torch.randn_like(mu)
        z = mu + torch.exp(0.5 * lv) * eps
        logw = -F.binary_cross_entropy_with_logits(model.decode(z), xr, reduction="none").sum(1)
        logw += -0.5 * z.pow(2).sum(1) + 0.5 * (eps.pow(2) + lv).sum(1)
        s += float((torch.logsumexp(logw.view(-1, k), 1) - math.log(k)).sum())
    return s / len(x)


n = len(train_x) // args.batch * args.batch
seconds, cpu0 = 0.0, time.process_time()
for e in range(args.epochs):
    t0 = time.perf_counter()
    perm, total = torch.randperm(len(train_x)), 0.0
    for i in range(0, n, args.batch):
        xb = train_x[perm[i:i + args.batch]]
        opt.zero_grad()
        loss = loss_sum(model, xb) / args.batch
        loss.backward()
        opt.step()
        total += float(loss)
    seconds += time.perf_counter() - t0
    print(f"latent {args.latent:2d}  epoch {e + 1:2d}/{args.epochs}  train -ELBO {total / (n // args.batch):8.2f}"
          f"  test ELBO {elbo(test_x):8.2f}  ({seconds:.1f} s)", flush=True)
cpu = time.process_time() - cpu0
t0 = time.perf_counter()
final, bound = elbo(test_x), iwae(test_x, args.k)
print(f"latent {args.latent:2d}  test ELBO {final:.2f}  IWAE (k = {args.k}) {bound:.2f} nats per image"
      f"  ({time.perf_counter() - t0:.1f} s)")
print(f"RESULT latent={args.latent} elbo={final:.4f} iwae={bound:.4f} train_seconds={seconds:.2f} train_cpu_seconds={cpu:.2f}")
