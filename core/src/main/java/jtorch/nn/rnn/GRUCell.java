package jtorch.nn.rnn;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * One GRU step (PyTorch's {@code nn.GRUCell}). Input a table {x [B, I], h [B, H]}, output h' [B, H]:
 * <pre>
 * [a_r, a_z, a_n] = x · W_ihᵀ + b_ih,  [b_r, b_z, b_n] = h · W_hhᵀ + b_hh     (gate order r, z, n as in PyTorch)
 * r = σ(a_r + b_r),  z = σ(a_z + b_z),  n = tanh(a_n + r ⊙ b_n),  h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 * Parameters as in {@link RecurrentCell} with G = 3, so PyTorch's weights load one-to-one.
 * Backward: δn = ∂h' ⊙ (1-z) ⊙ (1-n²), δz = ∂h' ⊙ (h - n) ⊙ z(1-z), δr = δn ⊙ b_n ⊙ r(1-r); the input projection
 * gets [δr, δz, δn], the hidden one [δr, δz, δn ⊙ r]; ∂x = δ_a · W_ih, ∂h = δ_b · W_hh + ∂h' ⊙ z.
 */
public class GRUCell extends RecurrentCell {
    public static final ModuleType<GRUCell> TYPE = ModuleType.of("GRUCell", GRUCell.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "bias", m.withBias),
            a -> new GRUCell(a.integer("inputSize"), a.integer("hiddenSize"), a.bool("bias")));
    private Tensor a, b, r, z, n, da, db, dhOut;
    private boolean deltaFresh;

    public GRUCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true); }

    public GRUCell(int inputSize, int hiddenSize, boolean withBias) { super(inputSize, hiddenSize, 3, withBias); }

    @Override public GRUCell clone() { return (GRUCell) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input, 2);
        Tensor x = in[0], h = in[1];
        int bs = x.size(0);
        a = projectInput(x, reuse(a, x, bs, 3 * hiddenSize));
        b = projectHidden(h, reuse(b, x, bs, 3 * hiddenSize));
        r = gate(a, 0).add(gate(b, 0)).sigmoidInPlace();
        z = gate(a, 1).add(gate(b, 1)).sigmoidInPlace();
        n = gate(b, 2).mul(r).addInPlace(gate(a, 2)).tanhInPlace();
        deltaFresh = false;
        return h.sub(n).mulInPlace(z).addInPlace(n); // (1-z) n + z h = n + z (h - n)
    }

    private void backprop(Tensor h, Activity gradOutput) {
        int bs = h.size(0);
        Tensor dh = hiddenGrad(gradOutput, bs, "gradOutput");
        da = reuse(da, h, bs, 3 * hiddenSize);
        db = reuse(db, h, bs, 3 * hiddenSize);
        Tensor dn = z.neg().addInPlace(1).mulInPlace(dh).mulInPlace(n.mul(n).negInPlace().addInPlace(1));
        Tensor dz = h.sub(n).mulInPlace(dh).mulInPlace(LSTMCell.sigmoidGrad(z));
        Tensor dr = dn.mul(gate(b, 2)).mulInPlace(LSTMCell.sigmoidGrad(r));
        gate(da, 0).copy(dr);
        gate(da, 1).copy(dz);
        gate(da, 2).copy(dn);
        gate(db, 0).copy(dr);
        gate(db, 1).copy(dz);
        gate(db, 2).copy(dn.mulInPlace(r));
        dhOut = dh;
        deltaFresh = true;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = inputs(input, 2);
        backprop(in[1], gradOutput);
        Tensor dx = in[0].newZeros(in[0].sizes()).addmmInPlace(0, 1, da, weightIh());
        Tensor dh = dhOut.mul(z).addmmInPlace(1, 1, db, weightHh());
        return Table.of(dx, dh);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] in = inputs(input, 2);
        if (!deltaFresh) backprop(in[1], gradOutput);
        deltaFresh = false;
        accumulate(in[0], in[1], da, db, scale);
    }

    @Override protected void clearOwnState() {
        super.clearOwnState();
        a = b = r = z = n = da = db = dhOut = null;
        deltaFresh = false;
    }

    @Override public String name() {
        return "GRUCell(" + inputSize + " -> " + hiddenSize + (withBias ? "" : ", without bias") + ")";
    }
}
