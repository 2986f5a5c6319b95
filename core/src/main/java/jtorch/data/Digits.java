package jtorch.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical-recognition handwritten digits set (the scikit-learn "digits"; UCI Machine Learning Repository,
 * CC BY 4.0), embedded in the core jar as {@code /jtorch/data/digits.csv.gz}: 1,797 rows of 64 pixel counts 0..16
 * (8×8 images, row-major) followed by the label 0..9. {@link #load()} gives inputs F32 [1797, 64] scaled to [0, 1]
 * (count / 16) and targets I32 [1797].
 */
public final class Digits {
    private Digits() {}

    public static final String RESOURCE = "/jtorch/data/digits.csv.gz";
    /** Rows of 64 pixels and a label; pixels 0..16, labels 0..9. */
    public static final Csv.Spec SPEC = new Csv.Spec(-1, false, 65, 0, 16, 10, null);

    /** The embedded set. */
    public static TensorDataset load() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("digits data set missing from the class path: " + RESOURCE);
            return parse(new GZIPInputStream(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses digits CSV ({@link #SPEC}) from {@code in}; errors name {@code source}, line and field. */
    public static TensorDataset parse(InputStream in, String source) throws IOException {
        TensorDataset raw = Csv.parse(in.readNBytes((int) Csv.MAX_BYTES), source, SPEC);
        return new TensorDataset(raw.inputs().divInPlace(16), raw.targets());
    }
}
