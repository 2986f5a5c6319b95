package jtorch.nn.rnn;

import java.util.List;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The unrolled forward and backward of a {@link Recurrence} (see there for the formulas): the per-step inputs, masks
 * and masked states of the last forward, the per-step gradOutputs of the last backward, and the remembered state.
 * Buffers are kept between calls of the same T and B.
 */
final class RecurrenceState {
    private final Recurrence owner;
    private final int[] sizes;
    private final int k;
    private int steps, batch;
    private boolean given, masked, gradFresh;
    private Tensor x, y, dx, keep, tmp; // keep-mask [T, B, 1] of the last forward, scratch
    private boolean dropFresh;
    private Tensor[] keepS, dropS; // the keep-mask and its complement widened to [T, B, S_i] (no broadcast per step)
    private Table[] inputs = new Table[0];
    private Activity[] stepGrads = new Activity[0];
    private Tensor[][] states = new Tensor[0][], grads = new Tensor[0][];
    private final Tensor[] init, carried, finals;
    private final Tensor[][] ds = new Tensor[2][];
    private Table out, gradTable;

    RecurrenceState(Recurrence owner, int[] sizes) {
        this.owner = owner;
        this.sizes = sizes;
        this.k = sizes.length;
        init = new Tensor[k];
        carried = new Tensor[k];
        finals = new Tensor[k];
        ds[0] = new Tensor[k];
        ds[1] = new Tensor[k];
    }

    void forget() { java.util.Arrays.fill(carried, null); }

    private String who() { return owner.name(); }

    private static Tensor buf(Tensor b, Tensor like, int... sizes) {
        return b != null && b.dtype() == like.dtype() && b.backend() == like.backend()
                && java.util.Arrays.equals(b.sizes(), sizes) ? b : like.newZeros(sizes);
    }

    private void checkState(String what, Tensor s, int i) {
        if (s.dim() != 2 || s.size(0) != batch || s.size(1) != sizes[i]) throw new IllegalArgumentException(who()
                + ": expected " + what + " " + (i + 1) + " [" + batch + ", " + sizes[i] + "] (B = " + batch + " from x), got "
                + s.shape());
    }

    Activity forward(List<Module> clones, Tensor x, Tensor[] s0, boolean mask, boolean remember) {
        this.x = x;
        steps = x.size(0);
        batch = x.size(1);
        given = s0 != null;
        masked = mask;
        gradFresh = false;
        Tensor[] s = new Tensor[k];
        for (int i = 0; i < k; i++) {
            if (given) {
                checkState("initial state", s0[i], i);
                s[i] = s0[i];
                continue;
            }
            init[i] = buf(init[i], x, batch, sizes[i]);
            if (remember && carried[i] != null) {
                if (carried[i].size(0) != batch) throw new IllegalArgumentException(who() + ": the remembered state "
                        + "has batch " + carried[i].size(0) + ", this input " + batch + " (call forget() when the batch "
                        + "size changes)");
                init[i].copy(carried[i]);
            } else {
                init[i].fillInPlace(0);
            }
            s[i] = init[i];
        }
        if (inputs.length < steps) grow();
        if (mask) widenMask(x);
        for (int t = 0; t < steps; t++) {
            Tensor xt = x.select(0, t);
            Activity[] e = new Activity[k + 1];
            e[0] = xt;
            System.arraycopy(s, 0, e, 1, k);
            inputs[t] = Table.of(e);
            Activity o;
            try {
                o = clones.get(t).forward(inputs[t]);
            } catch (RuntimeException ex) {
                throw Steps.located(who(), t, ex);
            }
            Tensor[] next = stepState(o, t);
            if (t == 0) y = buf(y, next[0], steps, batch, sizes[0]);
            if (mask) {
                for (int i = 0; i < k; i++) states[t][i] = buf(states[t][i], next[i], batch, sizes[i]).copy(next[i])
                        .subInPlace(s[i]).mulInPlace(keepS[i].select(0, t)).addInPlace(s[i]);
                y.select(0, t).copy(next[0]).mulInPlace(keepS[0].select(0, t));
                s = states[t].clone();
            } else {
                y.select(0, t).copy(next[0]);
                s = next;
            }
        }
        if (remember) for (int i = 0; i < k; i++) carried[i] = buf(carried[i], s[i], batch, sizes[i]).copy(s[i]);
        if (!given) return y;
        out = out == null ? Table.of() : out;
        out.set(0, y);
        for (int i = 0; i < k; i++) out.set(i + 1, finals[i] = buf(finals[i], s[i], batch, sizes[i]).copy(s[i]));
        out.truncate(k + 1);
        return out;
    }

    /** keep = [x[t, b, :] ≠ 0] [T, B, 1] and its widened copies [T, B, S_i] (shared between equal sizes). */
    private void widenMask(Tensor x) {
        keep = Masks.rows(who(), x);
        if (keepS == null) { keepS = new Tensor[k]; dropS = new Tensor[k]; }
        for (int i = 0; i < k; i++) keepS[i] = i > 0 && sizes[i] == sizes[i - 1] ? keepS[i - 1]
                : buf(keepS[i], x, steps, batch, sizes[i]).copy(keep);
        dropFresh = false;
    }

    private void grow() {
        int n = steps;
        inputs = java.util.Arrays.copyOf(inputs, n);
        stepGrads = java.util.Arrays.copyOf(stepGrads, n);
        int old = states.length;
        states = java.util.Arrays.copyOf(states, n);
        grads = java.util.Arrays.copyOf(grads, n);
        for (int t = old; t < n; t++) { states[t] = new Tensor[k]; grads[t] = new Tensor[k]; }
    }

    /** The step module's output as the k state entries, checked. */
    private Tensor[] stepState(Activity o, int t) {
        Tensor[] r = new Tensor[k];
        if (k == 1 && o instanceof Tensor a) r[0] = a;
        else if (k > 1 && o instanceof Table tb && tb.size() == k) for (int i = 0; i < k; i++) r[i] = tb.tensor(i);
        else throw new IllegalArgumentException(who() + " step " + t + ": the step module must return the next state ("
                + (k == 1 ? "a tensor" : "a table of " + k + " tensors") + "), got " + Steps.describe(o));
        for (int i = 0; i < k; i++) {
            if (r[i].dim() != 2 || r[i].size(0) != batch || r[i].size(1) != sizes[i]) throw new IllegalArgumentException(
                    who() + " step " + t + ": state entry " + (i + 1) + " is " + r[i].shape() + ", expected [" + batch
                    + ", " + sizes[i] + "] (the state sizes given to Recurrence)");
        }
        return r;
    }

    /** BPTT; with {@code both} the clones also accumulate parameter gradients (scale), else only input gradients. */
    Activity backward(List<Module> clones, Activity gradOutput, double scale, boolean both) {
        Tensor dy;
        Tensor[] dsN = null;
        if (given) {
            Table g = gradOutput.toTable(who() + " gradOutput (the output is the table {y, sN...})");
            if (g.size() != k + 1) throw new IllegalArgumentException(who() + ": expected gradOutput {dy, dsN_1.." + k
                    + "}, got " + g.size() + " entries");
            dy = g.tensor(0);
            dsN = new Tensor[k];
            for (int i = 0; i < k; i++) checkState("gradOutput of final state", dsN[i] = g.tensor(i + 1), i);
        } else {
            dy = gradOutput.toTensor(who() + " gradOutput");
        }
        if (!dy.sameShape(y)) throw new IllegalArgumentException(who() + ": gradOutput " + dy.shape() + " for output "
                + y.shape() + " (call forward with the same input first)");
        Tensor[] cur = ds[0];
        for (int i = 0; i < k; i++) {
            cur[i] = buf(cur[i], y, batch, sizes[i]);
            if (dsN != null) cur[i].copy(dsN[i]); else cur[i].fillInPlace(0);
        }
        dx = buf(dx, x, x.sizes());
        if (masked && !dropFresh) {
            for (int i = 0; i < k; i++) dropS[i] = i > 0 && keepS[i] == keepS[i - 1] ? dropS[i - 1]
                    : buf(dropS[i], keepS[i], keepS[i].sizes()).copy(keepS[i]).negInPlace().addInPlace(1);
            dropFresh = true;
        }
        for (int t = steps - 1; t >= 0; t--) {
            for (int i = 0; i < k; i++) {
                Tensor g = grads[t][i] = buf(grads[t][i], y, batch, sizes[i]).copy(cur[i]);
                if (i == 0) g.addInPlace(dy.select(0, t));
                if (masked) g.mulInPlace(keepS[i].select(0, t));
            }
            stepGrads[t] = k == 1 ? grads[t][0] : Table.of((Activity[]) grads[t].clone());
            Activity gi;
            try {
                gi = both ? clones.get(t).backward(inputs[t], stepGrads[t], scale)
                        : clones.get(t).computeGradInput(inputs[t], stepGrads[t]);
            } catch (RuntimeException ex) {
                throw Steps.located(who(), t, ex);
            }
            Table gt = gi.toTable(who() + " step " + t + " gradInput");
            if (gt.size() != k + 1) throw new IllegalStateException(who() + " step " + t + ": the step module's gradInput"
                    + " has " + gt.size() + " entries, expected " + (k + 1) + " {dx, ds_1..}");
            dx.select(0, t).copy(gt.tensor(0));
            Tensor[] nd = ds[(steps - t) % 2];
            for (int i = 0; i < k; i++) {
                nd[i] = buf(nd[i], y, batch, sizes[i]).copy(gt.tensor(i + 1));
                if (masked) nd[i].addInPlace(cur[i].mul(dropS[i].select(0, t), tmp = buf(tmp, y, batch, sizes[i])));
            }
            cur = nd;
        }
        if (masked) dx.mulInPlace(keep); // no gradient to padded rows (once per sequence)
        gradFresh = !both;
        if (!given) return dx;
        gradTable = gradTable == null ? Table.of() : gradTable;
        gradTable.set(0, dx);
        for (int i = 0; i < k; i++) gradTable.set(i + 1, cur[i]);
        gradTable.truncate(k + 1);
        return gradTable;
    }

    void accGradParameters(List<Module> clones, Activity gradOutput, double scale) {
        if (!gradFresh) backward(clones, gradOutput, 0, false);
        gradFresh = false;
        for (int t = steps - 1; t >= 0; t--) {
            try {
                clones.get(t).accGradParameters(inputs[t], stepGrads[t], scale);
            } catch (RuntimeException ex) {
                throw Steps.located(who(), t, ex);
            }
        }
    }
}
