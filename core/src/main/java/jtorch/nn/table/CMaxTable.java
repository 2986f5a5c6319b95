package jtorch.nn.table;

import jtorch.nn.ModuleType;
/**
 * Element-wise maximum of a table of same-shape tensors: {x_1, ..., x_n} → y = max_i x_i (Torch7's
 * {@code nn.CMaxTable}). Backward: the gradient flows to the input that holds the maximum (the first one on ties):
 * ∂L/∂x_i = g where x_i won, else 0.
 */
public class CMaxTable extends ExtremeTable {
    public static final ModuleType<CMaxTable> TYPE = ModuleType.of("CMaxTable", CMaxTable.class, CMaxTable::new);

    @Override public CMaxTable clone() { return (CMaxTable) super.clone(); }

    public CMaxTable() { super(true); }
}
