"""PyTorch CPU side of bench/char-lstm-side-by-side.sh: the char-LSTM train step of issue 11 as the DJL peer defines it
(tokens [50, 50], vocab 65, Embedding 65 -> 128, nn.LSTM(128, 128, 2 layers), Linear 128 -> 65, log-softmax + NLL over
all steps, full BPTT, RMSprop lr 2e-3 alpha 0.99 eps 1e-8). Prints `char-lstm threads chars_per_s` (median of 7 rounds
of >= 1 s after a 5 s warm-up),
and the same per CPU second of the process."""
import sys, time
import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(1)
T, B, V, E, H = 50, 50, 65, 128, 128


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(V, E)
        self.lstm = torch.nn.LSTM(E, H, 2)
        self.out = torch.nn.Linear(H, V)

    def forward(self, x):
        y, _ = self.lstm(self.emb(x))
        return torch.log_softmax(self.out(y.reshape(-1, H)), dim=1)


net = Net()
x = torch.randint(0, V, (T, B))
y = torch.randint(0, V, (T * B,))
opt = torch.optim.RMSprop(net.parameters(), lr=2e-3, alpha=0.99, eps=1e-8)
loss_fn = torch.nn.NLLLoss()


def step():
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()


end = time.perf_counter() + 5
while time.perf_counter() < end:
    step()
rounds, cpu = [], []
for _ in range(7):
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    while True:
        step()
        n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 1.0:
            break
    rounds.append(n * T * B / (t1 - t0))
    cpu.append(n * T * B / (time.process_time() - c0))
rounds.sort()
cpu.sort()
print("char-lstm %d %.1f   (per CPU second of the process %.1f chars/s)" % (threads, rounds[3], cpu[3]))
