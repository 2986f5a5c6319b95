package jtorch.io;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A parsed JSON array: an unmodifiable list over one exact-length array (16 + 4n bytes plus the list's 16); the empty
 * array is one shared instance. Elements may be null (JSON {@code null}).
 */
final class JsonArray extends AbstractList<Object> implements RandomAccess {
    static final JsonArray EMPTY = new JsonArray(new Object[0]);
    private final Object[] values;

    private JsonArray(Object[] values) { this.values = values; }

    static JsonArray of(Object[] values) { return values.length == 0 ? EMPTY : new JsonArray(values); }

    @Override public Object get(int i) { return values[i]; }

    @Override public int size() { return values.length; }
}
