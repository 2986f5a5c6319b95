package jtorch.nn.table;

/**
 * Element-wise maximum of a table of same-shape tensors: {x_1, ..., x_n} → y = max_i x_i (Torch7's
 * {@code nn.CMaxTable}). Backward: the gradient flows to the input that holds the maximum (the first one on ties):
 * ∂L/∂x_i = g where x_i won, else 0.
 */
public class CMaxTable extends ExtremeTable {
    public CMaxTable() { super(true); }
}
