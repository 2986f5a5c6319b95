"""Replays jtorch's first iterations of the character Transformer in PyTorch and compares them step by step.

    python3 bench/peer/char_transformer_replay_torch.py DIR [recipe head|2023-02] [threads]

DIR holds what jtorch.examples.CharTransformerReplay wrote: weights.txt / weights.f32 (jtorch's initial weights),
offsets.txt (each iteration's window starts in the text), jtorch.txt (step, loss, gradient norm, lr) and final.f32.
PyTorch's Model (bench/peer/char_transformer_torch.py) gets those weights and trains on the same batches with the
same learning rates, at the same time as jtorch (it waits for DIR/ready); printed: both losses and norms every 10 steps, the largest loss gap and the mean signed gap per
50 steps (250 beyond 200 steps), the largest weight difference after the last step (relative to each tensor's largest value) and both
models' loss over the whole validation split then.
"""
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import char_transformer_torch as peer  # noqa: E402


def torch_name(name):
    """jtorch's parameter name -> the peer Model's."""
    parts = name.split(".")
    if name == "0.0.weight":
        return "wte.weight"
    if name == "0.1.weight":
        return "wpe"
    if name == "1.weight":
        return "head.weight"
    i = int(parts[1]) - 2
    if i == peer.LAYERS:
        return "ln.weight"
    sub = {"0.in_proj_weight": "self_attn.in_proj_weight", "0.out_proj_weight": "self_attn.out_proj.weight",
           "1.weight": "linear1.weight", "2.weight": "linear2.weight", "3.weight": "norm1.weight",
           "4.weight": "norm2.weight"}[".".join(parts[2:])]
    return f"layers.{i}.{sub}"


def read(dir_, file_):
    index = [line.split() for line in open(os.path.join(dir_, "weights.txt"))]
    flat = np.fromfile(os.path.join(dir_, file_), dtype="<f4")
    out, at = {}, 0
    for name, *sizes in index:
        n = int(np.prod([int(s) for s in sizes]))
        out[torch_name(name)] = torch.from_numpy(flat[at:at + n].copy()).reshape([int(s) for s in sizes])
        at += n
    assert at == len(flat), (at, len(flat))
    return out


def wait_for(path, seconds=3600):
    """Waits for a file that jtorch's replay, running at the same time, writes."""
    t0 = time.time()
    while not os.path.exists(path):
        if time.time() - t0 > seconds:
            sys.exit(f"char_transformer_replay_torch: {path} did not appear within {seconds} s")
        time.sleep(1)


def main():
    dir_ = sys.argv[1]
    wait_for(os.path.join(dir_, "ready"))
    recipe = sys.argv[2] if len(sys.argv) > 2 else "head"
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    train_data, _, V = peer.load(os.environ.get("JTORCH_TINYSHAKESPEARE", "/work/shared/data/tinyshakespeare.txt"))
    model = peer.Model(V, True, False, "tanh" if recipe == "2023-02" else "exact")
    params = dict(model.named_parameters())
    with torch.no_grad():
        for name, w in read(dir_, "weights.f32").items():
            params[name].copy_(w)
    opt = peer.optimizer(model, recipe)
    offsets = [[int(v) for v in line.split()] for line in open(os.path.join(dir_, "offsets.txt"))]
    mine = [peer.step(model, opt, *peer.windows(train_data, ix), peer.lr_at(it, 2000, recipe))
            for it, ix in enumerate(offsets)]
    wait_for(os.path.join(dir_, "jtorch-final.txt"))
    ref = [line.split() for line in open(os.path.join(dir_, "jtorch.txt"))]
    assert len(ref) == len(offsets), (len(ref), len(offsets))
    gaps = []
    print(" step   jtorch loss    torch loss    gap        jtorch norm  torch norm")
    for it, ((loss, norm), r) in enumerate(zip(mine, ref)):
        lr = float(r[3])
        assert abs(lr - peer.lr_at(it, 2000, recipe)) <= 1e-8 * lr + 1e-15, (it, lr)
        gaps.append(loss - float(r[1]))
        if it % (10 if len(offsets) <= 200 else 100) == 0 or it == len(offsets) - 1:
            print(f"{it:5d}  {float(r[1]):.7f}  {loss:.7f}  {gaps[-1]:+.2e}  {float(r[2]):.6f}  {norm:.6f}")
    g = np.array(gaps)
    print(f"largest |loss gap| over {len(g)} steps: {np.abs(g).max():.3e} (at step {int(np.abs(g).argmax())})")
    span = 50 if len(g) <= 200 else 250
    for lo in range(0, len(g), span):
        seg = g[lo:lo + span]
        print(f"steps {lo}-{lo + len(seg) - 1}: mean gap {seg.mean():+.2e}, mean |gap| {np.abs(seg).mean():.2e}, "
              f"max |gap| {np.abs(seg).max():.2e}")
    _, val_data, _ = peer.load(os.environ.get("JTORCH_TINYSHAKESPEARE", "/work/shared/data/tinyshakespeare.txt"))
    j_all = float(open(os.path.join(dir_, "jtorch-final.txt")).read().split()[1])
    print(f"whole-validation loss after step {len(g) - 1}: jtorch {j_all:.4f}, torch {peer.exact(model, val_data):.4f}")
    final = read(dir_, "final.f32")
    worst = max((float((params[n].detach() - w).abs().max() / w.abs().max()), n) for n, w in final.items())
    print(f"largest weight difference after step {len(g) - 1}: {worst[0]:.2e} of the tensor's largest value ({worst[1]})")


if __name__ == "__main__":
    main()
