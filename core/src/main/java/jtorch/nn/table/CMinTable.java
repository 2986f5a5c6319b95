package jtorch.nn.table;

import jtorch.nn.ModuleType;
/**
 * Element-wise minimum of a table of same-shape tensors: {x_1, ..., x_n} → y = min_i x_i (Torch7's
 * {@code nn.CMinTable}). Backward: the gradient flows to the input that holds the minimum (the first one on ties):
 * ∂L/∂x_i = g where x_i won, else 0.
 */
public class CMinTable extends ExtremeTable {
    public static final ModuleType<CMinTable> TYPE = ModuleType.of("CMinTable", CMinTable.class, CMinTable::new);

    @Override public CMinTable clone() { return (CMinTable) super.clone(); }

    public CMinTable() { super(false); }
}
