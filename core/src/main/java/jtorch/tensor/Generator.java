package jtorch.tensor;

/**
 * A seeded, splittable pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014). The same seed gives the same
 * numbers on every back end and every JVM: numbers are drawn here, on the host, and copied to the tensor's device.
 * {@link #split()} gives an independent stream (for a worker thread or a data-loader) without disturbing reproducibility.
 * Not thread-safe: give each thread its own split.
 */
public final class Generator {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private long gamma;
    private double spareNormal;
    private boolean hasSpare;

    private static final Generator global = new Generator(0x5EEDL);

    public Generator(long seed) { this(seed, GOLDEN); }

    /** The process-wide default generator that modules use for initialisation (Torch7's global RNG). */
    public static synchronized Generator global() { return global; }

    /** Re-seeds the default generator in place, so modules holding it see the new stream (Torch7's {@code torch.manualSeed}). */
    public static synchronized void manualSeed(long seed) { global.setState(new Generator(seed).state()); }

    private Generator(long state, long gamma) { this.state = state; this.gamma = gamma; }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z = (z ^ (z >>> 33)) | 1L;
        return (Long.bitCount(z ^ (z >>> 1)) < 24) ? z ^ 0xAAAAAAAAAAAAAAAAL : z;
    }

    /** Next 64 random bits. */
    public long nextLong() { return mix64(state += gamma); }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform integer in [0, bound) (31 random bits, rejecting the uneven top of the range: no modulo bias). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        int u = (int) (nextLong() >>> 33), r = u % bound;
        while (u - r + (bound - 1) < 0) { // u lies in the last, partial block of size bound: draw again
            u = (int) (nextLong() >>> 33);
            r = u % bound;
        }
        return r;
    }

    /** Standard normal N(0, 1) by the Box–Muller transform (pairs are cached). */
    public double nextGaussian() {
        if (hasSpare) { hasSpare = false; return spareNormal; }
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** A new generator whose stream is independent of this one's; advances this generator by two draws. */
    public Generator split() { return new Generator(nextLong(), mixGamma(nextLong())); }

    /** The full state, for checkpoints; restore with {@link #restore(long[])}. */
    public long[] state() {
        return new long[] {state, gamma, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareNormal)};
    }

    /**
     * Puts this generator (in place, so every holder of it, e.g. a Dropout built on {@link #global()}, sees it) back
     * to a {@link #state()}; a training checkpoint uses it to resume the same random stream.
     */
    public void setState(long[] s) {
        if (s == null || s.length != 4) throw new IllegalArgumentException("Generator.setState: expected 4 longs, got "
                + (s == null ? "null" : s.length));
        state = s[0];
        gamma = s[1];
        hasSpare = s[2] != 0;
        spareNormal = Double.longBitsToDouble(s[3]);
    }

    /** A generator continuing exactly where {@link #state()} was taken. */
    public static Generator restore(long[] s) {
        if (s.length != 4) throw new IllegalArgumentException("Generator.restore: expected 4 longs, got " + s.length);
        Generator g = new Generator(s[0], s[1]);
        g.hasSpare = s[2] != 0;
        g.spareNormal = Double.longBitsToDouble(s[3]);
        return g;
    }
}
