package jtorch.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * What the sequence modules share: time steps of a sequence activity (a tensor [T, B, ...] or a table of such
 * tensors, all of the same T), the per-step shared clones of a step module, the stacking of per-step results into
 * [T, ...] buffers, and errors that name the module and the step.
 */
final class Steps {
    private Steps() {}

    /** T of a sequence: dim 0 of a tensor, or of every tensor of a table (which must agree). */
    static int length(String who, Activity seq, String what) {
        if (seq instanceof Tensor t) {
            if (t.dim() < 1 || t.size(0) < 1) throw new IllegalArgumentException(who + ": expected " + what
                    + " [T, B, ...] with T >= 1 (time first), got " + t.shape());
            return t.size(0);
        }
        Table tb = (Table) seq;
        if (tb.size() == 0) throw new IllegalArgumentException(who + ": " + what + " is an empty table");
        int n = -1;
        for (int i = 0; i < tb.size(); i++) {
            int ti = length(who, tb.get(i), what + "[" + i + "]");
            if (n >= 0 && ti != n) throw new IllegalArgumentException(who + ": the sequences of " + what + " differ in "
                    + "length (dim 0): " + n + " and " + ti + " at entry " + i);
            n = ti;
        }
        return n;
    }

    /** Step t of a sequence (views, no copy): x[t] for a tensor, the table of the entries' step t for a table. */
    static Activity at(Activity seq, int t) {
        if (seq instanceof Tensor x) return x.select(0, t);
        Table tb = (Table) seq;
        List<Activity> l = new ArrayList<>(tb.size());
        for (int i = 0; i < tb.size(); i++) l.add(at(tb.get(i), t));
        return Table.of(l);
    }

    /** A [T, ...] buffer (or table of them) for per-step activities shaped like {@code step}, reusing {@code buf}. */
    static Activity stacked(Activity buf, Activity step, int steps) {
        if (step instanceof Tensor s) {
            int[] sz = new int[s.dim() + 1];
            sz[0] = steps;
            System.arraycopy(s.sizes(), 0, sz, 1, s.dim());
            return reuse(buf, s, sz);
        }
        Table st = (Table) step;
        Table bt = buf instanceof Table b ? b : Table.of();
        for (int i = 0; i < st.size(); i++) bt.set(i, stacked(i < bt.size() ? bt.get(i) : null, st.get(i), steps));
        bt.truncate(st.size());
        return bt;
    }

    private static Tensor reuse(Activity buf, Tensor like, int[] sizes) {
        if (buf instanceof Tensor t && t.dtype() == like.dtype() && t.backend() == like.backend()
                && java.util.Arrays.equals(t.sizes(), sizes)) return t;
        return like.newZeros(sizes);
    }

    /** buf[t] = step (structure and shapes checked). */
    static void put(String who, Activity buf, int t, Activity step) {
        if (buf instanceof Tensor b && step instanceof Tensor s) {
            if (b.dim() != s.dim() + 1 || !java.util.Arrays.equals(b.select(0, t).sizes(), s.sizes()))
                throw new IllegalArgumentException(who + ": step " + t + " gives " + s.shape() + ", step 0 gave "
                        + b.select(0, 0).shape() + " (every step must give the same shape)");
            b.select(0, t).copy(s);
        } else if (buf instanceof Table b && step instanceof Table s && b.size() == s.size()) {
            for (int i = 0; i < s.size(); i++) put(who, b.get(i), t, s.get(i));
        } else {
            throw new IllegalArgumentException(who + ": step " + t + " gives " + describe(step) + ", unlike step 0");
        }
    }

    static String describe(Activity a) {
        if (a instanceof Tensor t) return "a tensor " + t.shape();
        return "a table of " + ((Table) a).size() + " entries";
    }

    /** Shared clones of {@code proto} for steps 0..n-1 (step 0 is proto itself), grown from {@code have}. */
    static List<Module> clones(Module proto, List<Module> have, int n) {
        List<Module> l = have == null ? new ArrayList<>() : have;
        if (l.isEmpty()) l.add(proto);
        while (l.size() < n) l.add(proto.sharedClone(true));
        for (int i = 1; i < n; i++) {
            Module c = l.get(i);
            if (c.isTraining() != proto.isTraining()) {
                if (proto.isTraining()) c.training(); else c.evaluate();
            }
        }
        return l;
    }

    /** {@code e} from step t of {@code who}'s step module, re-thrown (same kind) with the step in front. */
    static RuntimeException located(String who, int t, RuntimeException e) {
        String text = who + " step " + t + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return switch (e) {
            case IllegalArgumentException x -> new IllegalArgumentException(text, e);
            case UnsupportedOperationException x -> new UnsupportedOperationException(text, e);
            default -> new IllegalStateException(text, e);
        };
    }
}
