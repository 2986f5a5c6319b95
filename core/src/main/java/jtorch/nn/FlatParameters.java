package jtorch.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import jtorch.tensor.Tensor;

/**
 * Every parameter of a network in one flat 1-d weight tensor and one flat 1-d gradient tensor (Torch7's
 * {@code getParameters}). The modules' own weight and gradient tensors are re-pointed to be views into these, so an
 * optimizer that updates {@code weights} in place updates the network.
 * <p>A tensor shared by several modules (shared clones) appears once. When the parameters already are views that tile
 * one flat storage in order (a second call), the existing flat tensors are returned, so views from an earlier call
 * stay valid. When only the weights tile (a {@link Module#sharedClone(boolean) sharedClone(false)} of a flattened
 * network), they are kept and only the gradients are flattened, so the clone keeps sharing the weights.
 */
public record FlatParameters(Tensor weights, Tensor gradients) {

    public static FlatParameters of(Module m) {
        Module.Parameters p = m.parameters();
        List<Tensor> w = new ArrayList<>(), g = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < p.weights().size(); i++) {
            if (seen.put(p.weights().get(i), true) == null) { w.add(p.weights().get(i)); g.add(p.gradients().get(i)); }
        }
        int total = 0;
        for (int i = 0; i < w.size(); i++) {
            if (!w.get(i).sameShape(g.get(i))) throw new IllegalStateException(m.name() + ".getParameters: weight "
                    + w.get(i).shape() + " and its gradient " + g.get(i).shape() + " differ in shape");
            total += w.get(i).numel();
        }
        Tensor fw = existing(w, total), fg = existing(g, total);
        if (fw != null && fg != null) return new FlatParameters(fw, fg);
        if (w.isEmpty()) return new FlatParameters(Tensor.zeros(0), Tensor.zeros(0));
        boolean newW = fw == null, newG = fg == null; // weights that already tile stay where they are (shared clones)
        if (newW) fw = w.getFirst().newZeros(total);
        if (newG) fg = w.getFirst().newZeros(total);
        int off = 0;
        for (int i = 0; i < w.size(); i++) {
            int n = w.get(i).numel();
            int[] s = w.get(i).sizes();
            Tensor wv = fw.narrow(0, off, n).view(s), gv = fg.narrow(0, off, n).view(s);
            if (newW) { wv.copy(w.get(i)); w.get(i).set(wv); }
            if (newG) { gv.copy(g.get(i)); g.get(i).set(gv); }
            off += n;
        }
        return new FlatParameters(fw, fg);
    }

    /** The flat tensor the list already tiles (contiguously, in order, from offset 0, whole storage), or null. */
    private static Tensor existing(List<Tensor> ts, int total) {
        if (ts.isEmpty()) return null;
        var storage = ts.getFirst().storage();
        if (storage.length() != total) return null;
        int off = 0;
        for (Tensor t : ts) {
            if (t.storage() != storage || t.offset() != off || !t.isContiguous()) return null;
            off += t.numel();
        }
        return new Tensor(ts.getFirst().backend(), storage, 0, new int[] {total}, new int[] {1});
    }
}
