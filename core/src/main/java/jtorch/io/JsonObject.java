package jtorch.io;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A parsed JSON object: an unmodifiable map over two exact-length arrays (keys and values, in file order), with a
 * hash index only past {@value #LINEAR} entries. Memory: 16 + 2 · (16 + 4n) bytes (+ 4 · 2n for the index when
 * n > {@value #LINEAR}), against ~56 + 40n for a {@link java.util.LinkedHashMap}; the empty object is one shared
 * instance. Lookup is a linear scan up to {@value #LINEAR} entries, else open addressing.
 */
final class JsonObject extends AbstractMap<String, Object> {
    static final int LINEAR = 8;
    static final JsonObject EMPTY = new JsonObject(new String[0], new Object[0], null);
    private final String[] keys;
    private final Object[] values;
    private final int[] index; // open addressing: slot -> entry + 1, 0 = free; null when small

    private JsonObject(String[] keys, Object[] values, int[] index) {
        this.keys = keys;
        this.values = values;
        this.index = index;
    }

    /**
     * The object of {@code keys[i] -> values[i]}; when a key repeats, returns null and stores the entry number of the
     * second occurrence in {@code duplicate[0]}.
     */
    static JsonObject of(String[] keys, Object[] values, int[] duplicate) {
        int n = keys.length;
        if (n == 0) return EMPTY;
        int[] index = null;
        if (n <= LINEAR) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) if (keys[j].equals(keys[i])) { duplicate[0] = i; return null; }
            }
        } else {
            index = new int[Integer.highestOneBit(n - 1) << 2];
            int mask = index.length - 1;
            for (int i = 0; i < n; i++) {
                int s = keys[i].hashCode() & mask;
                while (index[s] != 0) {
                    if (keys[index[s] - 1].equals(keys[i])) { duplicate[0] = i; return null; }
                    s = (s + 1) & mask;
                }
                index[s] = i + 1;
            }
        }
        return new JsonObject(keys, values, index);
    }

    private int find(Object key) {
        if (!(key instanceof String k)) return -1;
        if (index == null) {
            for (int i = 0; i < keys.length; i++) if (keys[i].equals(k)) return i;
            return -1;
        }
        int mask = index.length - 1;
        for (int s = k.hashCode() & mask; index[s] != 0; s = (s + 1) & mask) {
            if (keys[index[s] - 1].equals(k)) return index[s] - 1;
        }
        return -1;
    }

    @Override public int size() { return keys.length; }

    @Override public boolean containsKey(Object key) { return find(key) >= 0; }

    @Override public Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override public int size() { return keys.length; }

            @Override public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    int i;

                    @Override public boolean hasNext() { return i < keys.length; }

                    @Override public Entry<String, Object> next() {
                        if (i >= keys.length) throw new NoSuchElementException();
                        Map.Entry<String, Object> e = new SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
