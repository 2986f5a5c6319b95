package jtorch.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The UCI optical-recognition digits set (the scikit-learn "digits"; UCI Machine Learning Repository, CC BY 4.0),
 * shipped in this module as {@code /jtorch/data/digits.csv.gz}: 1,797 rows of 64 pixel values 0..16 (8×8) and a label 0..9.
 * Images are scaled to [0, 1]: {@code images} is F32 [N, 64], {@code labels} is I32 [N].
 */
public record Digits(Tensor images, Tensor labels) {
    public static final String RESOURCE = "/jtorch/data/digits.csv.gz";

    /** Loads the embedded set. */
    public static Digits load() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("digits data set missing from the class path: " + RESOURCE);
            return parse(new GZIPInputStream(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV rows of 64 pixels and a label; errors name the source, line and field. */
    static Digits parse(InputStream in, String source) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (f.length != 65) throw new IllegalArgumentException(source + " line " + lineNo + ": expected 65 fields "
                    + "(64 pixels and a label), got " + f.length);
            float[] px = new float[64];
            for (int j = 0; j < 64; j++) px[j] = field(f[j], 0, 16, source, lineNo, j) / 16f;
            rows.add(px);
            labels.add(field(f[64], 0, 9, source, lineNo, 64));
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(source + ": no rows");
        float[] flat = new float[rows.size() * 64];
        int[] lab = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * 64, 64);
            lab[i] = labels.get(i);
        }
        return new Digits(Tensor.of(flat, rows.size(), 64), Tensor.of(lab));
    }

    private static int field(String s, int lo, int hi, String source, int line, int col) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < lo || v > hi) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + " field " + (col + 1) + ": expected an integer in ["
                    + lo + ", " + hi + "], got '" + s + "'");
        }
    }

    public int size() { return labels.size(0); }

    /** A seeded random split: the first {@code (1 - testFraction)} of a shuffled order for training, the rest for test. */
    public Digits[] split(double testFraction, long seed) {
        int n = size(), nTest = (int) Math.round(n * testFraction);
        int[] perm = permutation(n, new Generator(seed));
        Tensor train = Tensor.of(java.util.Arrays.copyOfRange(perm, 0, n - nTest));
        Tensor test = Tensor.of(java.util.Arrays.copyOfRange(perm, n - nTest, n));
        return new Digits[] {subset(train), subset(test)};
    }

    public Digits subset(Tensor idx) { return new Digits(images.indexSelect(0, idx), labels.indexSelect(0, idx)); }

    /** Each pixel shifted and scaled by the mean and standard deviation of {@code stats}' pixels (constant pixels: scale 1). */
    public Digits standardize(Digits stats) {
        Tensor mean = stats.images.mean(0);
        Tensor std = stats.images.var(0, false, true).sqrtInPlace();
        std = Tensor.where(std.gt(1e-6), std, std.newZeros(1).addInPlace(1));
        return new Digits(images.sub(mean).divInPlace(std), labels);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, Generator g) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
