#!/usr/bin/python3
"""Writes the VAE criteria golden fixture from PyTorch (Debian's python3-torch, CPU), in float64.

    /usr/bin/python3 tools/golden/make_vae_golden.py   # from the repository root; rewrites golden/vae.json

Each case stores its inputs, PyTorch's loss and the gradients autograd gives, so VaeGoldenTest needs no Python:
  BCEWithLogitsCriterion  F.binary_cross_entropy_with_logits (reduction mean / sum, and sum / B for 'batchmean'),
                          logits up to |x| = 30 and soft targets
  GaussianCriterion       F.gaussian_nll_loss(mu, x, exp(logvar), full=True/False) (reduction mean / sum, sum / B);
                          logvar kept above log(1e-6) so that PyTorch's eps clamp never applies
  KLDCriterion            PyTorch has no closed-form KL op for this: -0.5 * sum(1 + logvar - mu^2 - exp(logvar))
                          (Kingma and Welling's appendix B), as torch.distributions.kl_divergence(Normal(mu, sigma),
                          Normal(0, 1)) summed, which is checked against the formula here
"""
import json
import os

import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "golden")
GEN = torch.Generator().manual_seed(20261213)


def randn(*shape):
    return torch.randn(*shape, generator=GEN, dtype=torch.float64)


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def reduce(total_fn, reduction, b):
    """total_fn(kind) -> loss; 'batchmean' is PyTorch's sum divided by the batch size."""
    return total_fn("sum") / b if reduction == "batchmean" else total_fn(reduction)


cases = []
for b, d in ((3, 4), (5, 2)):
    for reduction in ("mean", "batchmean", "sum"):
        # Bernoulli log-likelihood on logits
        x = (randn(b, d) * 10).clamp(-30, 30).requires_grad_()
        y = torch.rand(b, d, generator=GEN)
        y[0, 0] = 1.0
        loss = reduce(lambda r: F.binary_cross_entropy_with_logits(x, y, reduction=r), reduction, b)
        (gx,) = torch.autograd.grad(loss, [x])
        cases.append({"criterion": "BCEWithLogitsCriterion", "reduction": reduction, "input": enc(x), "target": enc(y),
                      "loss": float(loss), "gradInput": enc(gx)})
        # Gaussian negative log-likelihood
        for full in (True, False):
            mu, lv = randn(b, d).requires_grad_(), (randn(b, d) * 1.5).requires_grad_()
            t = randn(b, d)
            loss = reduce(lambda r: F.gaussian_nll_loss(mu, t, lv.exp(), full=full, reduction=r), reduction, b)
            gmu, glv = torch.autograd.grad(loss, [mu, lv])
            cases.append({"criterion": "GaussianCriterion", "full": full, "reduction": reduction,
                          "input": [enc(mu), enc(lv)], "target": enc(t), "loss": float(loss),
                          "gradInput": [enc(gmu), enc(glv)]})
        # KL(N(mu, exp(logvar)) || N(0, 1))
        mu, lv = randn(b, d).requires_grad_(), (randn(b, d) * 1.5).requires_grad_()
        terms = -0.5 * (1 + lv - mu ** 2 - lv.exp())
        ref = kl_divergence(Normal(mu, (0.5 * lv).exp()), Normal(torch.zeros_like(mu), torch.ones_like(mu)))
        assert torch.allclose(terms, ref, rtol=1e-12, atol=1e-12)
        loss = {"mean": terms.mean(), "batchmean": terms.sum() / b, "sum": terms.sum()}[reduction]
        gmu, glv = torch.autograd.grad(loss, [mu, lv])
        cases.append({"criterion": "KLDCriterion", "reduction": reduction, "input": [enc(mu), enc(lv)],
                      "loss": float(loss), "gradInput": [enc(gmu), enc(glv)]})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "vae.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=0)
    f.write("\n")
print("wrote", len(cases), "cases to", os.path.normpath(os.path.join(OUT, "vae.json")))
