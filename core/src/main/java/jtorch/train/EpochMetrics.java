package jtorch.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch of {@link Trainer#fit()} measured. Epochs count from 1. {@code trainLoss} is the mean criterion loss
 * over the epoch's minibatches (weighted by batch size, taken before each step, without L1/L2 penalties);
 * {@code trainAccuracy} the fraction of training examples whose arg-max output equals the class target (NaN when the
 * targets are not class indices); {@code valLoss}/{@code valAccuracy} the same on the validation loader after the
 * epoch (NaN without one); {@code learningRate} the rate used during the epoch; {@code seconds} the epoch's wall time
 * (training and validation) and {@code samplesPerSecond} training examples per second of training time.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                           double learningRate, double seconds, double samplesPerSecond) {

    /** The validation loss when there is one, else the training loss: what "best" and plateaus are judged by. */
    public double monitoredLoss() { return Double.isNaN(valLoss) ? trainLoss : valLoss; }

    /** This record as a name → value map (for checkpoints and JSON), in field order. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epoch", (double) epoch);
        m.put("trainLoss", trainLoss);
        m.put("trainAccuracy", trainAccuracy);
        m.put("valLoss", valLoss);
        m.put("valAccuracy", valAccuracy);
        m.put("learningRate", learningRate);
        m.put("seconds", seconds);
        m.put("samplesPerSecond", samplesPerSecond);
        return m;
    }

    /** The inverse of {@link #toMap()}; absent entries read as NaN (epoch must be present). */
    public static EpochMetrics fromMap(Map<String, Double> m) {
        Double e = m.get("epoch");
        if (e == null) throw new IllegalArgumentException("EpochMetrics.fromMap: no 'epoch' in " + m.keySet());
        return new EpochMetrics(e.intValue(), get(m, "trainLoss"), get(m, "trainAccuracy"), get(m, "valLoss"),
                get(m, "valAccuracy"), get(m, "learningRate"), get(m, "seconds"), get(m, "samplesPerSecond"));
    }

    private static double get(Map<String, Double> m, String k) {
        Double v = m.get(k);
        return v == null ? Double.NaN : v;
    }
}
