package jtorch.graph;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** Structure-aware zeros, copies and sums of activities into reused buffers, for a graph's gradient sums. */
final class Grads {
    private Grads() {}

    /** Zeros shaped like {@code like} (tensors and nested tables), reusing {@code buf} where it fits. */
    static Activity zerosLike(Activity buf, Activity like) {
        if (like instanceof Tensor l) return fits(buf, l) ? ((Tensor) buf).fillInPlace(0) : l.newZeros(l.sizes());
        Table lt = (Table) like;
        Table t = buf instanceof Table b ? b : Table.of();
        for (int i = 0; i < lt.size(); i++) t.set(i, zerosLike(i < t.size() ? t.get(i) : null, lt.get(i)));
        t.truncate(lt.size());
        return t;
    }

    /** A copy of {@code src} written into {@code buf}'s tensors where they fit. */
    static Activity copyInto(Activity buf, Activity src) {
        if (src instanceof Tensor s) return (fits(buf, s) ? (Tensor) buf : s.newZeros(s.sizes())).copy(s);
        Table st = (Table) src;
        Table t = buf instanceof Table b && b != src ? b : Table.of();
        for (int i = 0; i < st.size(); i++) t.set(i, copyInto(i < t.size() ? t.get(i) : null, st.get(i)));
        t.truncate(st.size());
        return t;
    }

    /** acc += src entry by entry; throws naming {@code who} when structure or shapes differ. */
    static void addInto(String who, Activity acc, Activity src) {
        if (acc instanceof Tensor a && src instanceof Tensor s && a.sameShape(s)) {
            a.addInPlace(s);
        } else if (acc instanceof Table a && src instanceof Table s && a.size() == s.size()) {
            for (int i = 0; i < a.size(); i++) addInto(who, a.get(i), s.get(i));
        } else {
            throw new IllegalArgumentException(who + ": gradients of different structure or shape reach it: "
                    + describe(acc) + " and " + describe(src));
        }
    }

    private static boolean fits(Activity buf, Tensor like) {
        return buf instanceof Tensor b && b.dtype() == like.dtype() && b.backend() == like.backend() && b.sameShape(like);
    }

    /** Shape of a tensor, or {entries} of a table, for messages and drawings. */
    static String describe(Activity a) {
        if (a == null) return "-";
        if (a instanceof Tensor t) return t.shape().toString();
        Table t = (Table) a;
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < t.size(); i++) sb.append(i == 0 ? "" : ", ").append(describe(t.get(i)));
        return sb.append('}').toString();
    }
}
