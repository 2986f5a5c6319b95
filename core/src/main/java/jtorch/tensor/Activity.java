package jtorch.tensor;

/**
 * What flows between modules: a {@link Tensor} or a {@link Table} of activities (Torch7's tensor-or-table).
 */
public sealed interface Activity permits Tensor, Table {

    /** This activity as a tensor; throws naming {@code who} when it is a table. */
    default Tensor toTensor(String who) {
        if (this instanceof Tensor t) return t;
        throw new IllegalArgumentException(who + ": expected a tensor, got a table of " + ((Table) this).size() + " entries");
    }

    /** This activity as a tensor; throws when it is a table. */
    default Tensor tensor() { return toTensor("Activity.tensor()"); }

    /** This activity as a table; throws when it is a tensor. */
    default Table table() { return toTable("Activity.table()"); }

    /** This activity as a table; throws naming {@code who} when it is a tensor. */
    default Table toTable(String who) {
        if (this instanceof Table t) return t;
        throw new IllegalArgumentException(who + ": expected a table, got a tensor of shape " + ((Tensor) this).shape());
    }
}
