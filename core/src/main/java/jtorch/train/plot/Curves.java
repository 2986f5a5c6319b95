package jtorch.train.plot;

/**
 * Per-epoch training curves, the data of {@link Plots#trainingCurves}: index i holds epoch {@code epochs[i]}.
 * A validation value is NaN where no validation ran; {@code bestEpoch} is marked on the charts (≤ 0 for none).
 * Accuracies are fractions in [0, 1].
 */
public record Curves(int[] epochs, double[] trainLoss, double[] valLoss, double[] trainAccuracy, double[] valAccuracy,
                     int bestEpoch) {
    public Curves {
        int n = epochs.length;
        if (trainLoss.length != n || valLoss.length != n || trainAccuracy.length != n || valAccuracy.length != n) {
            throw new IllegalArgumentException("Curves: " + n + " epochs but " + trainLoss.length + " train losses, "
                    + valLoss.length + " validation losses, " + trainAccuracy.length + " train accuracies, "
                    + valAccuracy.length + " validation accuracies");
        }
        epochs = epochs.clone();
        trainLoss = trainLoss.clone();
        valLoss = valLoss.clone();
        trainAccuracy = trainAccuracy.clone();
        valAccuracy = valAccuracy.clone();
    }

    public int size() { return epochs.length; }

    double[] x() {
        double[] x = new double[epochs.length];
        for (int i = 0; i < x.length; i++) x[i] = epochs[i];
        return x;
    }

    static final int TRAIN_RGB = 0x1F77B4, VAL_RGB = 0xE8590C;

    Chart lossChart() {
        return new Chart("Loss", "epoch", "loss", java.util.List.of(
                new Chart.Series("train", x(), trainLoss, TRAIN_RGB, false),
                new Chart.Series("validation", x(), valLoss, VAL_RGB, true)),
                bestEpoch > 0 ? bestEpoch : Double.NaN, "best epoch " + bestEpoch, Double.NaN);
    }

    Chart accuracyChart() {
        return new Chart("Accuracy", "epoch", "accuracy", java.util.List.of(
                new Chart.Series("train", x(), trainAccuracy, TRAIN_RGB, false),
                new Chart.Series("validation", x(), valAccuracy, VAL_RGB, true)),
                bestEpoch > 0 ? bestEpoch : Double.NaN, "best epoch " + bestEpoch, 1.0);
    }
}
