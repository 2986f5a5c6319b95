"""PyTorch CPU side of bench/train-step-side-by-side.sh: one SGD step (forward, NLL loss, backward, sgd momentum 0.9)
(plain sgd for lenet5, as the DJL peer)
of the same model on a random batch; prints `model threads batch samples_per_s` (median of 7 rounds after warm-up)."""
import sys, time
import torch

model_name, threads, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(1)
if model_name == "seed":
    model = torch.nn.Sequential(torch.nn.Linear(3072, 1500), torch.nn.Tanh(), torch.nn.Linear(1500, 10),
                                torch.nn.LogSoftmax(dim=1))
    n_in = 3072
elif model_name == "lenet5":  # the DJL peer's LeNet-5 (jtorch.nn.conv.LeNet5), plain sgd lr 0.01
    T = torch.nn.Tanh
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 6, 5), T(), torch.nn.MaxPool2d(2), torch.nn.Conv2d(6, 16, 5), T(),
                                torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(256, 120), T(),
                                torch.nn.Linear(120, 84), T(), torch.nn.Linear(84, 10), torch.nn.LogSoftmax(dim=1))
    n_in = (1, 28, 28)
else:
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10), torch.nn.LogSoftmax(dim=1))
    n_in = 784
x = torch.randn(batch, *n_in) if isinstance(n_in, tuple) else torch.randn(batch, n_in)
y = torch.randint(0, 10, (batch,))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.0 if model_name == "lenet5" else 0.9)
loss_fn = torch.nn.NLLLoss()

def step():
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()

end = time.perf_counter() + 3
while time.perf_counter() < end:
    step()
rounds = []
for _ in range(7):
    n, t0 = 0, time.perf_counter()
    while True:
        step(); n += 1
        t1 = time.perf_counter()
        if t1 - t0 >= 0.3:
            break
    rounds.append(n * batch / (t1 - t0))
rounds.sort()
print(f"{model_name} {threads} {batch} {rounds[len(rounds)//2]:.1f}")
