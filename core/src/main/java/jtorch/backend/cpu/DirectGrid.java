package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The "extended grid" layout of the direct convolution kernels (stride 1, 2-d; 1-d as height 1). One sample's C input
 * channels are copied into a zero-filled buffer, channel c's rows at {@code c·plane + inAt + r·wp}; output position q
 * of the grid (row width wp) then reads tap t at the fixed offset {@code off[t]} from q, so a run of consecutive q is
 * one unaligned vector load per tap:
 * <pre>
 *   y[co, q] = Σ_t w[co, t] · buf[q + off(t)]      for q in [0, q), rounded up to {@link #STEP}
 * </pre>
 * and the output rows are read back from {@code outAt + r·wp}. Two layouts:
 * <ul>
 *   <li>{@link #forward}: the input padded (Hp = H + 2·ph, Wp = W + 2·pw), off(c, a, e) = c·Hp·Wp + a·dh·Wp + e·dw,
 *       output (oh, ow) at q = oh·Wp + ow.</li>
 *   <li>{@link #transposed} (backward-input): ∂L/∂y placed on the forward's output grid after {@code lead} =
 *       (Kh−1)·dh·Wp + (Kw−1)·dw zeros, flipped taps off(c, a', e') = c·plane + a'·dh·Wp + e'·dw, so that grid
 *       position q = ih·Wp + iw of the padded input reads ∂L/∂y[ih − a·dh, iw − e·dw] (zero outside: the columns past
 *       Ow, the lead and the rows after the last are zeros); only the grid rows of the input's H rows are computed (the
 *       offsets start ph·Wp further), and their columns [pw, pw + W) are kept.</li>
 * </ul>
 * The wp − (output width) columns past each grid row are wasted work (LeNet: 4 of 28 and of 12) and are dropped when
 * the rows are copied out. The buffer ends with zeros past the largest read. No im2col matrix: the input is copied
 * once per sample, not once per kernel tap.
 */
final class DirectGrid {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int L = F.length();
    /** Grid positions are computed in steps of 3 vectors (register blocks of 6 vectors and a 3-vector tail). */
    static final int STEP = 3 * L;

    final int c, inRows, inCols, inAt, plane, wp, outRows, outCols, outAt, q, ck, size;
    /** off(t) for tap t = (c·Kh + a)·Kw + e. */
    final int[] off;

    private DirectGrid(int c, int inRows, int inCols, int inAt, int plane, int wp, int outRows, int outCols, int outAt,
                       int positions, int shift, int kh, int kw, int dh, int dw) {
        this.c = c; this.inRows = inRows; this.inCols = inCols; this.inAt = inAt; this.plane = plane; this.wp = wp;
        this.outRows = outRows; this.outCols = outCols; this.outAt = outAt;
        q = (positions + STEP - 1) / STEP * STEP;
        ck = c * kh * kw;
        off = new int[ck];
        for (int ci = 0, t = 0; ci < c; ci++) for (int a = 0; a < kh; a++) for (int e = 0; e < kw; e++, t++) {
            off[t] = shift + ci * plane + a * dh * wp + e * dw;
        }
        size = Math.max(c * plane, q + off[ck - 1]) + L;
    }

    /** The forward layout of a [c, h, w] input for a kh × kw kernel with padding (ph, pw) and dilation (dh, dw). */
    static DirectGrid forward(int c, int h, int w, int kh, int kw, int ph, int pw, int dh, int dw) {
        int hp = h + 2 * ph, wp = w + 2 * pw, oh = hp - (kh - 1) * dh, ow = wp - (kw - 1) * dw;
        return new DirectGrid(c, h, w, ph * wp + pw, hp * wp, wp, oh, ow, 0, oh * wp, 0, kh, kw, dh, dw);
    }

    /**
     * The backward-input layout: c = output channels of the forward, ∂L/∂y [c, oh, ow] in, ∂L/∂x [·, h, w] out, for
     * the forward's kernel, padding and dilation (padding at most (K−1)·dilation).
     */
    static DirectGrid transposed(int c, int oh, int ow, int h, int w, int kh, int kw, int ph, int pw, int dh, int dw) {
        int hp = h + 2 * ph, wp = w + 2 * pw, lead = (kh - 1) * dh * wp + (kw - 1) * dw;
        return new DirectGrid(c, oh, ow, lead, lead + hp * wp, wp, h, w, pw, h * wp, ph * wp, kh, kw, dh, dw);
    }

    /**
     * Copies channels [0, C) of one sample (x at {@code xb}, channel stride sc, row stride sh, column stride sw) into
     * the buffer at {@code pb}, zeros everywhere else.
     */
    void pad(float[] x, int xb, int sc, int sh, int sw, float[] buf, int pb) {
        java.util.Arrays.fill(buf, pb, pb + size, 0f);
        for (int ci = 0; ci < c; ci++) for (int r = 0; r < inRows; r++) {
            int s = xb + ci * sc + r * sh, d = pb + ci * plane + inAt + r * wp;
            if (sw == 1) System.arraycopy(x, s, buf, d, inCols);
            else for (int i = 0; i < inCols; i++) buf[d + i] = x[s + i * sw];
        }
    }
}
