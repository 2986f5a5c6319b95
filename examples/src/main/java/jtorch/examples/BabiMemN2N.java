package jtorch.examples;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jtorch.nn.FlatParameters;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.memory.MemN2N;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Trains a {@link MemN2N} on bAbI-style examples the way the paper does (section 4.2): 3 hops, d = 20, memory of
 * the 50 latest statements, adjacent tying, position and temporal encoding, random noise (10 % empty memories
 * inserted in training), batch 32, SGD on the summed loss with the gradient norm clipped at 40, weights N(0, 0.1²).
 * Linear start: the softmax of every hop is removed at first (learning rate {@code lsLr}, 0.005) and re-inserted
 * (learning rate {@code lr}, 0.01) after {@code lsEpochs} epochs (20, as the paper's code, facebook/MemNN
 * MemN2N-babi-matlab, does), or with {@code lsEpochs = 0} once the validation loss (on the held-out 10 % of the
 * training examples) stops falling (no new low for 5 epochs: the paper's text); then {@code epochs} epochs (100) with
 * the rate halved every 25. The weights kept are those of the epoch with the lowest validation loss (softmax in).
 */
final class BabiMemN2N {
    int epochs = 100, dim = 20, hops = 3, memory = 50, batch = 32, lsEpochs = 20;
    double lr = 0.01, lsLr = 0.005, clip = 40;
    int patience = 5;
    boolean verbose;

    /**
     * The best validation loss (per example) with the softmax in, the test accuracy of the weights of that epoch, the
     * epoch the softmax came back, the training seconds, and the training error of those weights (on the 90 % trained
     * on, without noise).
     */
    record Result(double validationLoss, double testAccuracy, int softmaxEpoch, double seconds, double trainError) {}

    Result run(List<BabiTasks.Example> train, List<BabiTasks.Example> test, long seed) {
        long t0 = System.nanoTime();
        int nVal = train.size() / 10;
        List<BabiTasks.Example> val = train.subList(0, nVal), fit = train.subList(nVal, train.size());
        BabiData.Memories valM = BabiData.memories(val, memory, null), testM = BabiData.memories(test, memory, null);
        MemN2N net = new MemN2N(BabiData.vocabularySize(), dim, memory, hops).reset(new Generator(seed)).linear(true);
        CrossEntropyCriterion loss = new CrossEntropyCriterion().sizeAverage(false);
        FlatParameters p = net.getParameters();
        Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", lsLr));
        State state = new State();
        SplittableRandom r = new SplittableRandom(seed);
        double bestVal = Double.MAX_VALUE, bestSoftmax = Double.MAX_VALUE;
        int softmaxAt = -1, stale = 0;
        Tensor best = null;
        int total = lsEpochs > 0 ? lsEpochs + epochs : epochs;
        for (int epoch = 1; epoch <= total; epoch++) {
            BabiData.Memories m = BabiData.memories(fit, memory, r);                 // fresh random noise each epoch
            int[] order = shuffled(fit.size(), r);
            double sum = 0;
            for (int at = 0; at + batch <= order.length; at += batch) {
                Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(order, at, at + batch), batch);
                Table in = Table.of(m.stories().indexSelect(0, idx), m.questions().indexSelect(0, idx));
                Tensor target = m.answers().indexSelect(0, idx);
                Feval f = x -> {
                    p.gradients().fillInPlace(0);
                    Tensor y = (Tensor) net.forward(in);
                    double l = loss.forward(y, target);
                    net.backward(in, loss.backward(y, target));
                    double norm = p.gradients().norm(2);
                    if (norm > clip) p.gradients().mulInPlace(clip / norm);
                    return new Feval.Eval(l, p.gradients());
                };
                sum += sgd.step(f, p.weights(), state);
            }
            double valLoss = evaluate(net, loss, valM)[0];
            if (!net.isLinear() && valLoss < bestSoftmax) {                         // model selection on validation
                bestSoftmax = valLoss;
                best = p.weights().clone();
            }
            stale = valLoss < bestVal ? 0 : stale + 1;
            if (net.isLinear() && (lsEpochs > 0 ? epoch == lsEpochs : stale >= patience)) {  // linear start ends
                net.linear(false);
                softmaxAt = epoch;
                sgd.setLearningRate(lr);
            }
            bestVal = Math.min(bestVal, valLoss);
            if (!net.isLinear() && (epoch - Math.max(softmaxAt, 0)) % 25 == 0) sgd.setLearningRate(sgd.learningRate() / 2);
            if (verbose && (epoch % 10 == 0 || epoch == softmaxAt)) System.out.printf(Locale.ROOT,
                    "  memn2n epoch %3d  train loss %.3f  validation loss %.3f%s%n", epoch, sum / fit.size(),
                    valLoss / nVal, epoch == softmaxAt ? "  (softmax re-inserted)" : "");
        }
        if (best == null) {                                                             // never plateaued: end as the paper's model
            net.linear(false);
            softmaxAt = total + 1;
            bestSoftmax = evaluate(net, loss, valM)[0];
        } else p.weights().copy(best);
        double acc = evaluate(net, loss, testM)[1];
        double trainErr = 1 - evaluate(net, loss, BabiData.memories(fit, memory, null))[1];
        return new Result(bestSoftmax / nVal, acc, softmaxAt, (System.nanoTime() - t0) / 1e9, trainErr);
    }

    /** {summed loss, accuracy} over a whole set, in batches. */
    static double[] evaluate(MemN2N net, CrossEntropyCriterion loss, BabiData.Memories m) {
        net.evaluate();
        int n = m.answers().size(0);
        double sum = 0, correct = 0;
        for (int at = 0; at < n; at += 200) {
            int len = Math.min(200, n - at);
            Table in = Table.of(m.stories().narrow(0, at, len).contiguous(), m.questions().narrow(0, at, len).contiguous());
            Tensor target = m.answers().narrow(0, at, len).contiguous();
            Tensor y = (Tensor) net.forward(in);
            sum += loss.forward(y, target);
            correct += y.argmax(1, false).to(jtorch.tensor.DType.I32).eq(target).sum();
        }
        net.training();
        return new double[] {sum, correct / n};
    }

    static int[] shuffled(int n, SplittableRandom r) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
