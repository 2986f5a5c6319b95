package jtorch.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jtorch.tensor.Tensor;

/**
 * Maps string class labels to class indices 0..C-1 and back. {@link #fit} numbers the distinct labels in sorted
 * (String.compareTo) order, so the mapping does not depend on the order of the examples; {@link #of} keeps a given
 * order (e.g. the data set's documented class list). Unknown labels are an {@link IllegalArgumentException}.
 */
public final class LabelEncoder {
    private final List<String> classes;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelEncoder(List<String> classes) {
        this.classes = List.copyOf(classes);
        for (int i = 0; i < this.classes.size(); i++) {
            if (index.put(this.classes.get(i), i) != null) throw new IllegalArgumentException("LabelEncoder: class '"
                    + this.classes.get(i) + "' listed twice");
        }
    }

    /** The distinct labels of {@code labels}, sorted. */
    public static LabelEncoder fit(Collection<String> labels) { return new LabelEncoder(new ArrayList<>(new TreeSet<>(labels))); }

    /** Exactly these classes, in this order (class i = classes.get(i)). */
    public static LabelEncoder of(List<String> classes) { return new LabelEncoder(classes); }

    public List<String> classes() { return classes; }

    public int numClasses() { return classes.size(); }

    /** The index of {@code label}. */
    public int encode(String label) {
        Integer i = index.get(label);
        if (i == null) throw new IllegalArgumentException("LabelEncoder: unknown label '" + label + "' (classes "
                + (classes.size() <= 20 ? classes : classes.size() + " labels") + ")");
        return i;
    }

    /** The indices of {@code labels} as I32 [N]. */
    public Tensor encode(List<String> labels) {
        int[] a = new int[labels.size()];
        for (int i = 0; i < a.length; i++) a[i] = encode(labels.get(i));
        return Tensor.of(a, a.length);
    }

    /** The label of class {@code i}. */
    public String decode(int i) {
        if (i < 0 || i >= classes.size()) throw new IllegalArgumentException("LabelEncoder: class index " + i
                + " out of range [0, " + classes.size() + ")");
        return classes.get(i);
    }

    /** The labels of I32 indices [N]. */
    public List<String> decode(Tensor indices) {
        List<String> r = new ArrayList<>();
        for (int i : indices.toIntArray()) r.add(decode(i));
        return r;
    }
}
