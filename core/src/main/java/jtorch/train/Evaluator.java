package jtorch.train;

import jtorch.data.Batch;
import jtorch.data.DataLoader;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * One pass over a loader in evaluation mode: with n_b the size of batch b and N = Σ n_b,
 * loss = Σ_b n_b · criterion(model(x_b), y_b) / N (the mean per example when the criterion averages over the batch),
 * accuracy = #correct / N and topK = #(target among the k highest scores) / N (see {@link Metrics}), and the
 * {@link ConfusionMatrix} over all batches. When outputs are not [B, C] with targets [B] (regression), accuracy and
 * topK are NaN and confusion is null. The model's training/evaluation mode is restored afterwards.
 */
public final class Evaluator {
    private Evaluator() {}

    /** The loss, accuracy, top-k accuracy and confusion matrix of {@code model} on {@code loader}. */
    public record Evaluation(double loss, double accuracy, double topK, ConfusionMatrix confusion) {}

    public static Evaluation evaluate(Module model, Criterion criterion, DataLoader loader, int topK) {
        return evaluate(model, criterion, (Iterable<Batch>) loader, topK);
    }

    /** {@link #evaluate(Module, Criterion, DataLoader, int)} over any sequence of batches. */
    public static Evaluation evaluate(Module model, Criterion criterion, Iterable<Batch> batches, int topK) {
        if (topK < 1) throw new IllegalArgumentException("Evaluator.evaluate: topK must be >= 1, got " + topK);
        boolean wasTraining = model.isTraining();
        model.evaluate();
        try {
            double lossSum = 0;
            long n = 0, correct = 0, topCorrect = 0;
            boolean classification = true;
            ConfusionMatrix cm = null;
            for (Batch b : batches) {
                Tensor out = model.forward(b.input()).tensor();
                int size = b.size();
                lossSum += criterion.forward(out, b.target()) * size;
                n += size;
                if (classification && Metrics.isClassification(out, b.target())) {
                    if (cm == null) cm = new ConfusionMatrix(out.size(1));
                    cm.add(out, b.target());
                    correct += Metrics.correct(out, b.target());
                    topCorrect += Metrics.topKCorrect(out, b.target(), Math.min(topK, out.size(1)));
                } else {
                    classification = false;
                    cm = null;
                }
            }
            if (n == 0) throw new IllegalArgumentException("Evaluator.evaluate: the loader gave no batches");
            return classification
                    ? new Evaluation(lossSum / n, (double) correct / n, (double) topCorrect / n, cm)
                    : new Evaluation(lossSum / n, Double.NaN, Double.NaN, null);
        } finally {
            if (wasTraining) model.training();
        }
    }
}
