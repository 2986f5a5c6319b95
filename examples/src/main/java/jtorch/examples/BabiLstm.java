package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.LookupTable;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The LSTM baseline on the same examples as {@link BabiMemN2N}: the same 50 latest statements, oldest first, and the
 * question as one token sequence (left-padded with nil tokens per batch), LookupTable(V → 32) → LSTM (64 units, an
 * {@link LSTMCell} unrolled over time with shared weights; a nil step leaves the state unchanged, Torch7's MaskZero)
 * → the last hidden state → Linear(64 → V) → cross-entropy. Adam, learning rate 0.003, batch 32, gradient norm
 * clipped at 5; the reported test accuracy is that of the epoch with the best validation accuracy (10 % held out).
 */
final class BabiLstm {
    int epochs = 30, embed = 32, hidden = 64, memory = 50, batch = 32;
    double lr = 3e-3, clip = 5;
    boolean verbose;
    private LookupTable lookup;
    private Linear out;
    private final List<LSTMCell> steps = new ArrayList<>();
    private Sequential all;

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
        lookup = new LookupTable(v, embed, 0, 0, 2).reset(g);
        LSTMCell cell = new LSTMCell(embed, hidden);
        cell.reset(g);
        out = new Linear(hidden, v).reset(g);
        steps.clear();
        steps.add(cell);
        all = new Sequential().add(lookup).add(cell).add(out);
        FlatParameters p = all.getParameters();
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
                    Tensor y = forward(tokens);
                    double l = loss.forward(y, target);
                    backward(tokens, (Tensor) loss.backward(y, target));
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

    /** Tokens [B, T] of the chosen sequences, left-padded with nil to the longest. */
    static Tensor tokens(List<int[]> seqs, int[] chosen) {
        int t = 0;
        for (int i : chosen) t = Math.max(t, seqs.get(i).length);
        int[] x = new int[chosen.length * t];
        for (int b = 0; b < chosen.length; b++) {
            int[] s = seqs.get(chosen[b]);
            System.arraycopy(s, 0, x, b * t + t - s.length, s.length);
        }
        return Tensor.of(x, chosen.length, t);
    }

    private static Tensor target(int[] answers, int[] chosen) {
        int[] a = new int[chosen.length];
        for (int i = 0; i < a.length; i++) a[i] = answers[chosen[i]];
        return Tensor.of(a, a.length);
    }

    private Tensor emb;
    private final List<Tensor> hs = new ArrayList<>(), cs = new ArrayList<>(), masks = new ArrayList<>();

    /** Scores [B, V] for tokens [B, T]. */
    Tensor forward(Tensor tokens) {
        int b = tokens.size(0), t = tokens.size(1);
        while (steps.size() < t) steps.add(steps.getFirst().sharedClone(true));
        emb = ((Tensor) lookup.forward(tokens));
        hs.clear();
        cs.clear();
        masks.clear();
        Tensor h = emb.newZeros(b, hidden), c = emb.newZeros(b, hidden);
        hs.add(h);
        cs.add(c);
        for (int i = 0; i < t; i++) {
            Tensor m = tokens.select(1, i).ne(0).to(emb.dtype()).view(b, 1);
            Table o = (Table) steps.get(i).forward(Table.of(emb.select(1, i).contiguous(), h, c));
            h = o.tensor(0).sub(h).mulInPlace(m).addInPlace(h);                 // h + m (h' - h)
            c = o.tensor(1).sub(c).mulInPlace(m).addInPlace(c);
            masks.add(m);
            hs.add(h);
            cs.add(c);
        }
        return (Tensor) out.forward(h);
    }

    void backward(Tensor tokens, Tensor gradScores) {
        int b = tokens.size(0), t = tokens.size(1);
        Tensor dh = (Tensor) out.backward(hs.get(t), gradScores), dc = dh.zerosLike();
        Tensor demb = emb.zerosLike();
        for (int i = t - 1; i >= 0; i--) {
            Tensor m = masks.get(i);
            Table in = Table.of(emb.select(1, i).contiguous(), hs.get(i), cs.get(i));
            Table g = (Table) steps.get(i).backward(in, Table.of(dh.mul(m), dc.mul(m)));
            Tensor keep = m.neg().addInPlace(1);
            dh = g.tensor(1).addInPlace(dh.mul(keep));
            dc = g.tensor(2).addInPlace(dc.mul(keep));
            demb.select(1, i).copy(g.tensor(0));
        }
        lookup.backward(tokens, demb);
    }

    private double accuracy(List<int[]> seqs, int[] answers, int[] idx) {
        int n = idx == null ? seqs.size() : idx.length, correct = 0;
        for (int at = 0; at < n; at += 100) {
            int len = Math.min(100, n - at);
            int[] chosen = new int[len];
            for (int i = 0; i < len; i++) chosen[i] = idx == null ? at + i : idx[at + i];
            Tensor y = forward(tokens(seqs, chosen));
            int[] pred = y.argmax(1, false).toIntArray();
            for (int i = 0; i < len; i++) if (pred[i] == answers[chosen[i]]) correct++;
        }
        return (double) correct / n;
    }

    /** The trained modules (for tests): lookup, cell, output layer. */
    Module model() { return all; }
}
