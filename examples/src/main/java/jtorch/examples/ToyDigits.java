package jtorch.examples;

import java.util.Arrays;
import java.util.Locale;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The tutorial's "toy code" trainer, written against tensors only (no modules): a 2-layer net
 * {@code x → tanh(x·W1 + b1) → ·W2 + b2 → log-softmax}, trained with the negative log-likelihood by explicit
 * fprop / bprop / update steps of minibatch SGD, on the embedded UCI digits set (1,797 8×8 images, 10 classes), each pixel
 * standardised with the training split's mean and standard deviation.
 * <pre>
 *   fprop:  h = tanh(x W1 + b1)                  [B, H]
 *           z = h W2 + b2,  logp = z - logsumexp(z)   [B, 10]
 *           loss = -mean_b logp[b, y_b]
 *   bprop:  dz = (exp(logp) - onehot(y)) / B
 *           dW2 = hᵀ dz,  db2 = Σ_b dz,  dh = (dz W2ᵀ) ⊙ (1 - h²)
 *           dW1 = xᵀ dh,  db1 = Σ_b dh
 *   update: W ← W - lr · dW
 * </pre>
 * Options: {@code --epochs N --hidden H --lr X --batch B --seed S}. Prints one line per epoch and the final test accuracy.
 */
public final class ToyDigits {
    int epochs = 30, hidden = 64, batch = 32;
    double lr = 0.05;
    long seed = 1;

    public static void main(String[] args) {
        ToyDigits t = new ToyDigits();
        try {
            t.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ToyDigits: " + e.getMessage());
            System.err.println("usage: jtorch train [--epochs N] [--hidden H] [--lr X] [--batch B] [--seed S]");
            System.exit(2);
        }
        double acc = t.run(true);
        System.out.printf(Locale.ROOT, "test accuracy %.4f%n", acc);
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--hidden", "--batch", "--lr", "--seed");
        epochs = o.integer("--epochs", epochs);
        hidden = o.integer("--hidden", hidden);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        if (epochs < 1 || hidden < 1 || batch < 1 || !(lr > 0)) throw new IllegalArgumentException(
                "epochs, hidden and batch must be >= 1 and lr > 0");
    }

    /** Trains and returns the accuracy on the held-out 20 % split. */
    double run(boolean verbose) {
        Digits[] split = Digits.load().trainTestSplit(0.2, seed);
        Digits train = split[0].standardize(split[0]), test = split[1].standardize(split[0]);
        Generator g = new Generator(seed);
        // Torch7's Linear init: uniform(-1/sqrt(fanIn), 1/sqrt(fanIn))
        Tensor w1 = uniform(g, 64, 64, hidden), b1 = uniform(g, 64, hidden);
        Tensor w2 = uniform(g, hidden, hidden, 10), b2 = uniform(g, hidden, 10);
        int n = train.size();
        if (verbose) System.out.printf(Locale.ROOT, "digits: %d train, %d test; net 64-%d-10 tanh; sgd lr %.3g batch %d%n",
                n, test.size(), hidden, lr, batch);
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] perm = Digits.permutation(n, g);
            double lossSum = 0;
            int steps = 0;
            for (int s = 0; s < n; s += batch) {
                Tensor idx = Tensor.of(Arrays.copyOfRange(perm, s, Math.min(n, s + batch)));
                Tensor x = train.images().indexSelect(0, idx), y = train.labels().indexSelect(0, idx).unsqueeze(1);
                int b = x.size(0);
                // fprop
                Tensor h = x.mm(w1).addInPlace(b1).tanhInPlace();
                Tensor z = h.mm(w2).addInPlace(b2);
                Tensor logp = z.subInPlace(z.logsumexp(1));
                lossSum += -logp.gather(1, y).mean();
                steps++;
                // bprop
                Tensor dz = logp.exp().scatterAddInPlace(1, y, Tensor.full(logp.dtype(), -1, b, 1)).divInPlace(b);
                Tensor dw2 = h.t().mm(dz), db2 = dz.sum(0, false);
                Tensor dh = dz.mm(w2.t()).mulInPlace(h.square().negInPlace().addInPlace(1));
                Tensor dw1 = x.t().mm(dh), db1 = dh.sum(0, false);
                // update
                w1.addInPlace(-lr, dw1); b1.addInPlace(-lr, db1);
                w2.addInPlace(-lr, dw2); b2.addInPlace(-lr, db2);
            }
            if (verbose && (epoch % 5 == 0 || epoch == 1 || epoch == epochs)) {
                System.out.printf(Locale.ROOT, "epoch %3d  loss %.4f  train acc %.4f  test acc %.4f  (%.1f s)%n", epoch,
                        lossSum / steps, accuracy(train, w1, b1, w2, b2), accuracy(test, w1, b1, w2, b2),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        return accuracy(test, w1, b1, w2, b2);
    }

    static Tensor uniform(Generator g, int fanIn, int... sizes) {
        double r = 1 / Math.sqrt(fanIn);
        return Tensor.rand(g, sizes).mulInPlace(2 * r).subInPlace(r);
    }

    static double accuracy(Digits d, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Tensor z = d.images().mm(w1).addInPlace(b1).tanhInPlace().mm(w2).addInPlace(b2);
        return z.argmax(1, false).eq(d.labels()).sum() / d.size();
    }
}
