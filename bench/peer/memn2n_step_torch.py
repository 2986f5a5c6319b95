"""PyTorch CPU side of bench/memn2n-side-by-side.sh: one plain-SGD step (lr 0.01, summed cross-entropy) of the same
end-to-end memory network as jtorch.bench.MemN2NStepSideBySide: V = 40, d = 20, memory 50, sentences of 6 slots,
questions of 7, 3 hops, adjacent tying (emb0..emb3, time0..time3), position encoding (the paper's l_kj over each
sentence's own length), temporal encoding, softmax over the used slots; batch of random stories of the same
distribution. Written the way a PyTorch user would (embedding gather, broadcasting). Prints
`memn2n threads batch samples_per_s cpu_ms_per_step` (medians of 7 rounds of 0.3 s after 3 s of warm-up; CPU ms
of the main thread per step)."""
import sys, time
import torch

threads, batch = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(1)
V, D, M, J, JQ, HOPS = 40, 20, 50, 6, 7, 3


class MemN2N(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.ParameterList([torch.nn.Parameter(0.1 * torch.randn(V, D)) for _ in range(HOPS + 1)])
        self.time = torch.nn.ParameterList([torch.nn.Parameter(0.1 * torch.randn(M, D)) for _ in range(HOPS + 1)])

    @staticmethod
    def pe(x):  # x [..., J] -> l [..., J, D]: (1 - k/d) - (j/J)(1 - 2k/d), zero for nil words
        word = (x != 0).float()
        length = word.sum(-1, keepdim=True).clamp(min=1)
        r = torch.arange(1, x.shape[-1] + 1, dtype=torch.float32) / length * word
        k = torch.arange(1, D + 1, dtype=torch.float32) / D
        return ((1 - k) - r.unsqueeze(-1) * (1 - 2 * k)) * word.unsqueeze(-1)

    def forward(self, x, q):
        lx, lq = self.pe(x), self.pe(q)
        used = (x != 0).any(-1)
        mems = [(e[x] * lx).sum(2) + t for e, t in zip(self.emb, self.time)]
        u = (self.emb[0][q] * lq).sum(1)
        for k in range(HOPS):
            s = (mems[k] * u.unsqueeze(1)).sum(2).masked_fill(~used, float("-inf"))
            p = torch.softmax(s, 1)
            u = u + (mems[k + 1] * p.unsqueeze(2)).sum(1)
        return u @ self.emb[HOPS].t()


g = torch.Generator().manual_seed(2)
x = torch.zeros(batch, M, J, dtype=torch.long)
q = torch.zeros(batch, JQ, dtype=torch.long)
for i in range(batch):
    used = int(torch.randint(10, M + 1, (1,), generator=g))
    for s in range(used):
        n = int(torch.randint(1, J + 1, (1,), generator=g))
        x[i, s, :n] = torch.randint(1, V, (n,), generator=g)
    n = int(torch.randint(3, JQ + 1, (1,), generator=g))
    q[i, :n] = torch.randint(1, V, (n,), generator=g)
y = torch.randint(1, V, (batch,), generator=g)
model = MemN2N()
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")


def step():
    opt.zero_grad()
    loss_fn(model(x, q), y).backward()
    opt.step()


end = time.perf_counter() + 3
while time.perf_counter() < end:
    step()
rounds, cpu = [], []
for _ in range(7):
    n, t0, c0 = 0, time.perf_counter(), time.thread_time()
    while True:
        step(); n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 0.3:
            break
    rounds.append(n * batch / (t1 - t0))
    cpu.append((time.thread_time() - c0) * 1e3 / n)
rounds.sort()
cpu.sort()
print(f"memn2n {threads} {batch} {rounds[len(rounds)//2]:.1f} {cpu[len(cpu)//2]:.3f}")
