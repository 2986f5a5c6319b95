package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * One-hot encoding (char-rnn's {@code OneHot}): y[..., k] = 1 if x[...] = k, else 0. Input: I32 class indices of any
 * shape S, each in [0, nIndex); output S + [nIndex] in the module's floating dtype (F32 unless converted with
 * {@link Module#to}). No parameters: it is a {@link LookupTable} whose table is the fixed identity (a persistent buffer
 * {@code eye} [nIndex, nIndex], so it follows {@code to(dtype)}). The input gets no gradient (a zero I32 tensor of its
 * shape is returned). A recurrent network fed one-hot vectors learns its input embedding in its first input weights.
 */
public class OneHot extends Module {
    public static final ModuleType<OneHot> TYPE = ModuleType.of("OneHot", OneHot.class,
            m -> ModuleArgs.of("nIndex", m.nIndex), a -> new OneHot(a.integer("nIndex")));
    private final int nIndex;

    public OneHot(int nIndex) {
        if (nIndex < 1) throw new IllegalArgumentException("OneHot: nIndex must be positive, got " + nIndex);
        this.nIndex = nIndex;
        Tensor eye = Tensor.zeros(nIndex, nIndex);
        if (drawInitialWeights()) for (int i = 0; i < nIndex; i++) eye.set(1, i, i);
        addBuffer("eye", eye);
    }

    /** The number of classes (the output's last size). */
    public int nIndex() { return nIndex; }

    /** The identity table [nIndex, nIndex] that the lookup reads. */
    Tensor eye() { return buffer("eye"); }

    @Override public OneHot clone() { return (OneHot) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dtype() != DType.I32) throw new IllegalArgumentException(name() + ": expected I32 class indices, got "
                + x.dtype() + " " + x.shape() + " (convert with x.to(DType.I32))");
        int[] s = java.util.Arrays.copyOf(x.sizes(), x.dim() + 1);
        s[x.dim()] = nIndex;
        Tensor eye = buffer("eye");
        if (x.numel() == 0) return eye.newZeros(s);
        Tensor flat = x.reshape(x.numel());
        int lo = (int) flat.min(), hi = (int) flat.max();
        if (lo < 0 || hi >= nIndex) throw new IllegalArgumentException(name() + ": index value " + (lo < 0 ? lo : hi)
                + " out of range [0, " + nIndex + ") in input " + x.shape());
        return eye.indexSelect(0, flat).view(s);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        return reuse(gradInput, x, x.sizes());
    }

    @Override public String name() { return "OneHot(" + nIndex + ")"; }
}
