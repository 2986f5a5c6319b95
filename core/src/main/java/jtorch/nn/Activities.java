package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Structure-aware zeros, copy and sum of activities (a tensor or nested tables of tensors) into reused buffers: the
 * containers that feed one input to several children ({@link Concat}, {@link ConcatTable}) sum the children's
 * gradInputs with these, and a {@code jtorch.graph.Graph} its gradient sums.
 */
public final class Activities {
    private Activities() {}

    /** Zeros shaped like {@code like} (tensors and nested tables), written into {@code buf}'s tensors where they fit. */
    public static Activity zerosLike(Activity buf, Activity like) {
        if (like instanceof Tensor l) return Module.reuse(buf, l, l.sizes()).fillInPlace(0);
        Table lt = (Table) like;
        Table bt = buf instanceof Table b ? b : Table.of();
        for (int i = 0; i < lt.size(); i++) bt.set(i, zerosLike(i < bt.size() ? bt.get(i) : null, lt.get(i)));
        bt.truncate(lt.size());
        return bt;
    }

    /** A copy of {@code src} with the same structure, written into {@code buf}'s tensors where they fit. */
    public static Activity copyInto(Activity buf, Activity src) {
        if (src instanceof Tensor s) return (buf == s ? s.newZeros(s.sizes()) : Module.reuse(buf, s, s.sizes())).copy(s);
        Table st = (Table) src;
        Table bt = buf instanceof Table b && b != src ? b : Table.of();
        for (int i = 0; i < st.size(); i++) bt.set(i, copyInto(i < bt.size() ? bt.get(i) : null, st.get(i)));
        bt.truncate(st.size());
        return bt;
    }

    /** acc += src, entry by entry; throws naming {@code who} when the structures or shapes differ. */
    public static void addInto(String who, Activity acc, Activity src) {
        if (acc instanceof Tensor a && src instanceof Tensor s && a.sameShape(s)) {
            a.addInPlace(s);
        } else if (acc instanceof Table a && src instanceof Table s && a.size() == s.size()) {
            for (int i = 0; i < a.size(); i++) addInto(who, a.get(i), s.get(i));
        } else {
            throw new IllegalArgumentException(who + ": gradients to be summed differ in structure or shape: "
                    + describe(acc) + " and " + describe(src));
        }
    }

    /** Shape of a tensor, or {size entries} of a table, for messages. */
    static String describe(Activity a) {
        if (a instanceof Tensor t) return "tensor " + t.shape();
        Table t = (Table) a;
        StringBuilder sb = new StringBuilder("table {");
        for (int i = 0; i < t.size(); i++) sb.append(i == 0 ? "" : ", ").append(describe(t.get(i)));
        return sb.append('}').toString();
    }
}
