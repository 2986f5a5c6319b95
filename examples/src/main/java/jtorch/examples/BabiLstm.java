package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Select;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LookupTable;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The LSTM baseline on the same examples as {@link BabiMemN2N}: the same 50 latest statements, oldest first, and the
 * question as one token sequence [T, B] (left-padded with nil per batch), LookupTable(V → 32, nil → zero rows) →
 * {@link LSTM}(32 → 64) with {@code maskZero} (a nil step leaves the state unchanged) → the last step → Linear(64 → V)
 * → cross-entropy. Adam, learning rate 0.003, batch 32, gradient norm clipped at 5; the reported test accuracy is that
 * of the epoch with the best validation accuracy (10 % of the training questions held out).
 */
final class BabiLstm {
    int epochs = 30, embed = 32, hidden = 64, memory = 50, batch = 32;
    double lr = 3e-3, clip = 5;
    boolean verbose;
    private Sequential net;

    record Result(double testAccuracy, double seconds) {}

    Result run(List<BabiTasks.Example> train, List<BabiTasks.Example> test, long seed) {
        long t0 = System.nanoTime();
        int v = BabiData.vocabularySize(), nVal = train.size() / 10;
        List<int[]> seqs = new ArrayList<>();
        for (BabiTasks.Example e : train) seqs.add(BabiData.sequence(e, memory));
        List<int[]> testSeqs = new ArrayList<>();
        for (BabiTasks.Example e : test) testSeqs.add(BabiData.sequence(e, memory));
        int[] answers = train.stream().mapToInt(e -> BabiData.index(e.answer())).toArray();
        int[] testAnswers = test.stream().mapToInt(e -> BabiData.index(e.answer())).toArray();
        Generator g = new Generator(seed);                         // its own generator: trainings run side by side
        LSTM lstm = new LSTM(embed, hidden).maskZero(true);
        lstm.reset(g);
        net = new Sequential().add(new LookupTable(v, embed, 0, 0, 2).reset(g)).add(lstm).add(new Select(0, -1))
                .add(new Linear(hidden, v).reset(g));
        net.gradInputNeeded(false);
        FlatParameters p = net.getParameters();
        CrossEntropyCriterion loss = new CrossEntropyCriterion();
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr));
        State state = new State();
        SplittableRandom r = new SplittableRandom(seed);
        double bestVal = -1, testAtBest = 0;
        int[] fitIdx = new int[train.size() - nVal], valIdx = new int[nVal];
        for (int i = 0; i < nVal; i++) valIdx[i] = i;
        for (int i = nVal; i < train.size(); i++) fitIdx[i - nVal] = i;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = BabiMemN2N.shuffled(fitIdx.length, r);
            for (int at = 0; at + batch <= order.length; at += batch) {
                int[] b = new int[batch];
                for (int i = 0; i < batch; i++) b[i] = fitIdx[order[at + i]];
                Tensor tokens = tokens(seqs, b), target = target(answers, b);
                Feval f = x -> {
                    p.gradients().fillInPlace(0);
                    Tensor y = (Tensor) net.forward(tokens);
                    double l = loss.forward(y, target);
                    net.backward(tokens, loss.backward(y, target));
                    double norm = p.gradients().norm(2);
                    if (norm > clip) p.gradients().mulInPlace(clip / norm);
                    return new Feval.Eval(l, p.gradients());
                };
                adam.step(f, p.weights(), state);
            }
            double val = accuracy(seqs, answers, valIdx);
            if (val > bestVal) {
                bestVal = val;
                testAtBest = accuracy(testSeqs, testAnswers, null);
            }
            if (verbose && epoch % 5 == 0) System.out.printf(java.util.Locale.ROOT,
                    "  lstm epoch %3d  validation accuracy %.3f (best %.3f, test there %.3f)%n", epoch, val, bestVal, testAtBest);
        }
        return new Result(testAtBest, (System.nanoTime() - t0) / 1e9);
    }

    /** Tokens [T, B] of the chosen sequences, left-padded with nil to the longest. */
    static Tensor tokens(List<int[]> seqs, int[] chosen) {
        int t = 0, b = chosen.length;
        for (int i : chosen) t = Math.max(t, seqs.get(i).length);
        int[] x = new int[t * b];
        for (int k = 0; k < b; k++) {
            int[] s = seqs.get(chosen[k]);
            for (int j = 0; j < s.length; j++) x[(t - s.length + j) * b + k] = s[j];
        }
        return Tensor.of(x, t, b);
    }

    private static Tensor target(int[] answers, int[] chosen) {
        int[] a = new int[chosen.length];
        for (int i = 0; i < a.length; i++) a[i] = answers[chosen[i]];
        return Tensor.of(a, a.length);
    }

    private double accuracy(List<int[]> seqs, int[] answers, int[] idx) {
        int n = idx == null ? seqs.size() : idx.length, correct = 0;
        net.evaluate();
        for (int at = 0; at < n; at += 100) {
            int len = Math.min(100, n - at);
            int[] chosen = new int[len];
            for (int i = 0; i < len; i++) chosen[i] = idx == null ? at + i : idx[at + i];
            Tensor y = (Tensor) net.forward(tokens(seqs, chosen));
            int[] pred = y.argmax(1, false).toIntArray();
            for (int i = 0; i < len; i++) if (pred[i] == answers[chosen[i]]) correct++;
        }
        net.training();
        return (double) correct / n;
    }
}
