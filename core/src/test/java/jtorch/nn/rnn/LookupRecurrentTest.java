package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.io.ModuleRegistry;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused token input equals Sequential(encoder, rnn): outputs, states, every gradient, on ref (F64) and cpu (F32). */
class LookupRecurrentTest {
    static Tensor randn(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s); }

    /** Tokens [T, B] with every value below v, a repeated token, and {@code pad} (if >= 0) at the end of batch row 1. */
    static Tensor tokens(int t, int b, int v, int pad) {
        int[] ids = new int[t * b];
        for (int i = 0; i < ids.length; i++) ids[i] = (i * 7 + 3) % v;
        if (pad >= 0) ids[(t - 1) * b + 1] = ids[(t - 2) * b + 1] = pad;
        return Tensor.of(ids, t, b);
    }

    /** Runs forward + backward on both models with the same input and gradient; compares everything (max abs diff). */
    static double compare(Module fused, Module plain, Activity in, long seed) {
        Activity yf = fused.forward(in), yp = plain.forward(in);
        List<Tensor> outF = yf instanceof Table t ? tensors(t) : List.of(yf.tensor());
        List<Tensor> outP = yp instanceof Table t ? tensors(t) : List.of(yp.tensor());
        Tensor[] gs = new Tensor[outF.size()];
        for (int i = 0; i < gs.length; i++) gs[i] = randn(seed + i, outF.get(i).sizes()).to(outF.get(i).dtype())
                .to(outF.get(i).backend());
        Activity g = yf instanceof Table ? Table.of(gs) : gs[0];
        fused.zeroGradParameters();
        plain.zeroGradParameters();
        Activity gf = fused.backward(in, g), gp = plain.backward(in, g, 1);
        double worst = 0;
        for (int i = 0; i < outF.size(); i++) worst = Math.max(worst, outF.get(i).sub(outP.get(i)).abs().max());
        worst = Math.max(worst, fused.getParameters().gradients().sub(plain.getParameters().gradients()).abs().max());
        if (gf instanceof Table t) { // the state gradients
            Table q = (Table) gp;
            for (int i = 1; i < t.size(); i++) worst = Math.max(worst, t.tensor(i).sub(q.tensor(i)).abs().max());
            assertEquals(DType.I32, t.tensor(0).dtype());
        } else {
            assertEquals(DType.I32, gf.tensor().dtype());
            assertEquals(0, gf.tensor().abs().max(), "tokens get a zero gradient");
        }
        return worst;
    }

    static List<Tensor> tensors(Table t) {
        List<Tensor> r = new java.util.ArrayList<>();
        for (int i = 0; i < t.size(); i++) r.add(t.tensor(i));
        return r;
    }

    /** The fused module, and in plain[0] the unfused one: Sequential(encoder, rnn), or for a table input {tokens,
     * states...} Sequential(ParallelTable(encoder, Identity...), rnn). */
    static LookupRecurrent pair(Module encoder, FusedRecurrent rnn, Sequential[] plain, int states) {
        LookupRecurrent f = new LookupRecurrent(encoder, rnn);
        Module first = f.encoder().clone();
        if (states > 0) {
            jtorch.nn.ParallelTable p = new jtorch.nn.ParallelTable();
            p.add(first);
            for (int i = 0; i < states; i++) p.add(new jtorch.nn.layer.Identity());
            first = p;
        }
        plain[0] = new Sequential(first, f.rnn().clone());
        return f;
    }

    @Test void lookupTableIntoABidirectionalLstmWithPaddingMaxNormStatesAndMasks() {
        Generator.manualSeed(3);
        Sequential[] plain = new Sequential[1];
        LookupRecurrent f = pair(new LookupTable(6, 4, 5, 1.5, 2), new LSTM(4, 3, 2, true, 0, true).maskZero(true),
                plain, 2);
        f.to(DType.F64);
        plain[0].to(DType.F64);
        Tensor x = tokens(5, 3, 5, 5);
        Table in = Table.of(x, randn(1, 4, 3, 3), randn(2, 4, 3, 3));
        assertTrue(compare(f, plain[0], in, 10) < 1e-12);
        assertEquals(0, ((Table) f.output()).tensor(0).select(0, 4).select(0, 1).abs().max(), "a padded step is zero");
        assertEquals(0, ((LookupTable) f.encoder()).gradWeight().select(0, 5).abs().max(), "the padding row: no gradient");
        assertNull(f.encoder().output(), "the encoder itself never runs");
        // a second call with other tokens (same buffers) is still equal
        assertTrue(compare(f, plain[0], Table.of(tokens(5, 3, 4, -1), randn(3, 4, 3, 3), randn(4, 4, 3, 3)), 20) < 1e-12);
    }

    @Test void oneHotIntoGruAndRnn() {
        Generator.manualSeed(4);
        for (FusedRecurrent r : new FusedRecurrent[] {new GRU(5, 3, 2), new RNN(5, 2, 1, true, 0, true, true)}) {
            Sequential[] plain = new Sequential[1];
            LookupRecurrent f = pair(new OneHot(5), r, plain, 0);
            f.to(DType.F64);
            plain[0].to(DType.F64);
            assertTrue(compare(f, plain[0], tokens(4, 2, 5, -1), 30) < 1e-12, r.name());
        }
    }

    @Test void cpuF32AgreesWithTheUnfusedModel() {
        Generator.manualSeed(5);
        Sequential[] plain = new Sequential[1];
        LookupRecurrent f = pair(new LookupTable(65, 32), new LSTM(32, 48, 2), plain, 0);
        Tensor x = tokens(20, 8, 65, -1); // F32 on the default (cpu) back end
        double d = compare(f, plain[0], x, 40);
        assertTrue(d < 1e-4, "F32 fused vs unfused: " + d);
    }

    @Test void clonesSavesAndErrors() {
        LookupRecurrent f = new LookupRecurrent(new LookupTable(7, 3), new LSTM(3, 2));
        String json = ModuleRegistry.toJson(f);
        assertEquals(json, ModuleRegistry.toJson(ModuleRegistry.fromJson(json)));
        LookupRecurrent c = f.clone();
        Tensor x = tokens(3, 2, 7, -1);
        assertEquals(0, c.forward(x).tensor().sub(f.forward(x).tensor()).abs().max(), "a clone computes the same");
        LookupRecurrent shared = f.sharedClone(true);
        shared.forward(x);
        assertEquals(0, shared.output().tensor().sub(f.output().tensor()).abs().max());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> new LookupRecurrent(new LookupTable(7, 4), new LSTM(3, 2)));
        assertTrue(w.getMessage().contains("gives vectors of 4") && w.getMessage().contains("reads 3"), w.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.forward(randn(1, 3, 2, 3)));
        assertTrue(e.getMessage().contains("expected tokens I32 [T, B]"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> f.forward(tokens(3, 2, 9, -1)));
        assertTrue(r.getMessage().contains("token 8 out of range [0, 7)"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LookupRecurrent(new jtorch.nn.layer.Linear(3, 3),
                new LSTM(3, 2)));
        assertThrows(UnsupportedOperationException.class, () -> f.add(new LSTM(2, 2)));
    }

    /** RecurrentLM (fused when V <= T·B) against its model run step by step unfused: log-probabilities and gradients. */
    @Test void recurrentLmRunsFusedWithTheSameResults() {
        RecurrentLM lm = RecurrentLM.of(RecurrentLM.charLstm(5, 4, 2, new Generator(6)).model().to(DType.F64));
        Sequential m = lm.model();
        Tensor ids = tokens(4, 3, 5, -1);
        Tensor[] s0 = {randn(1, 2, 3, 4), randn(2, 2, 3, 4)};
        Tensor g = randn(3, 12, 5);
        m.zeroGradParameters();
        Tensor logp = lm.forward(ids, s0).clone();
        lm.backward(g);
        Tensor fusedGrad = m.getParameters().gradients().clone();
        m.zeroGradParameters();
        Tensor enc = m.get(0).forward(ids).tensor();
        Table in = Table.of(enc, s0[0], s0[1]);
        Table out = (Table) m.get(1).forward(in);
        Tensor y2 = out.tensor(0).reshape(12, 4), z = m.get(2).forward(y2).tensor(), p = m.get(3).forward(z).tensor();
        Tensor gz = m.get(3).backward(z, g).tensor(), gy = m.get(2).backward(y2, gz).tensor().reshape(4, 3, 4);
        Table gx = (Table) m.get(1).backward(in, Table.of(gy, s0[0].zerosLike(), s0[1].zerosLike()));
        m.get(0).backward(ids, gx.get(0));
        assertTrue(p.sub(logp).abs().max() < 1e-12);
        assertTrue(m.getParameters().gradients().sub(fusedGrad).abs().max() < 1e-12);
        assertTrue(fusedGrad.abs().max() > 0);
    }
}
