package jtorch.spark;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

/**
 * A row of {@code select(features, label)} as a {@link Sample}: the features an array of numbers
 * ({@code array<float>}, {@code array<double>}, ...) or a Spark ML / MLlib vector (read through its
 * {@code toArray()}, so that this module needs no spark-mllib), the label a whole number 0..k−1 of any numeric type.
 */
final class RowSamples implements Function<Row, Sample> {
    private static final long serialVersionUID = 1L;
    private final String features, label;

    RowSamples(String features, String label) {
        this.features = features;
        this.label = label;
    }

    @Override public Sample call(Row row) {
        if (row.isNullAt(0) || row.isNullAt(1)) throw new IllegalArgumentException("SparkTrainer.fit: a row has a null "
                + (row.isNullAt(0) ? "feature column '" + features + "'" : "label column '" + label + "'") + ": " + row);
        return new Sample(floats(row), label(row.get(1)));
    }

    private float[] floats(Row row) {
        Object v = row.get(0);
        if (v instanceof scala.collection.Seq<?>) {
            List<Object> xs = row.getList(0);
            float[] f = new float[xs.size()];
            for (int i = 0; i < f.length; i++) {
                if (!(xs.get(i) instanceof Number n)) throw new IllegalArgumentException("SparkTrainer.fit: feature "
                        + i + " of column '" + features + "' is " + xs.get(i) + ", not a number, in row " + row);
                f[i] = n.floatValue();
            }
            return f;
        }
        try {
            Method toArray = v.getClass().getMethod("toArray");
            if (toArray.invoke(v) instanceof double[] d) {
                float[] f = new float[d.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) d[i];
                return f;
            }
        } catch (ReflectiveOperationException ignored) {
            // not a vector: reported below
        }
        throw new IllegalArgumentException("SparkTrainer.fit: column '" + features + "' holds " + v.getClass().getName()
                + "; expected an array of numbers or a Spark ML vector");
    }

    private int label(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 0 && d <= Integer.MAX_VALUE) return (int) d;
        }
        throw new IllegalArgumentException("SparkTrainer.fit: label column '" + label + "' holds " + v
                + "; expected a class index 0, 1, 2, ... (a whole number)");
    }
}
