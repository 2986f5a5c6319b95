package jtorch.nn.penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jtorch.io.Model;
import jtorch.io.ModuleRegistry;
import jtorch.nn.FlatParameters;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.layer.Linear;
import jtorch.nn.noise.MaskingNoise;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TiedLinear and TiedAutoEncoder: one weight, both gradients, flat parameters, clones, saving and loading. */
class TiedWeightsTest {
    @TempDir Path dir;

    /** x [B, 5] → sigmoid(x Wᵀ + b) [B, 3] → sigmoid(h W + c) [B, 5]. */
    static TiedAutoEncoder tied(Linear enc) {
        return new TiedAutoEncoder(new Sequential(enc, new Sigmoid()), new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    @Test void theDecoderUsesTheTransposeAndItsGradientGoesToTheEncoder() {
        Generator.manualSeed(1);
        Linear enc = new Linear(5, 3);
        TiedLinear dec = new TiedLinear(enc);
        Tensor h = Tensor.randn(new Generator(2), 4, 3), g = Tensor.randn(new Generator(3), 4, 5);
        assertArrayEquals(h.mm(enc.weight()).toFloatArray(), dec.forward(h).toFloatArray(), 1e-6f, "bias starts at 0");
        assertArrayEquals(g.mm(enc.weight().t()).toFloatArray(), dec.backward(h, g).toFloatArray(), 1e-6f);
        assertArrayEquals(h.t().mm(g).toFloatArray(), enc.gradWeight().toFloatArray(), 1e-6f);
        assertEquals(1, dec.parameters().weights().size(), "only the bias is the decoder's own");
    }

    @Test void jacobianOfTheWholeTiedAutoEncoder() {
        Generator.manualSeed(4);
        TiedAutoEncoder ae = tied(new Linear(5, 3)).to(DType.F64);
        Tensor x = PenaltiesTest.randn(5, 2, 5);
        // 0.0.weight is W: its gradient is the sum of the encoder's and the decoder's parts
        Jacobian.check(ae, x).assertBelow(Jacobian.TOLERANCE);
        Generator.manualSeed(6);
        ContractiveEncoder ce = new ContractiveEncoder(5, 3, 0.4);
        TiedAutoEncoder cae = new TiedAutoEncoder(ce, new Sequential(new TiedLinear(ce), new Sigmoid())).to(DType.F64);
        PenaltyCheck.check(cae, x, PenaltiesTest.randn(7, 2, 5));
    }

    @Test void flatParametersCountTheTiedWeightOnce() {
        Generator.manualSeed(8);
        Linear enc = new Linear(5, 3);
        TiedAutoEncoder ae = tied(enc);
        FlatParameters fp = ae.getParameters();
        assertEquals(5 * 3 + 3 + 5, fp.weights().numel());
        TiedLinear dec = (TiedLinear) ((Sequential) ae.decoder()).get(0);
        assertSame(enc.weight(), dec.weight());
        // an update of the flat vector changes the decoder too
        Tensor x = Tensor.rand(new Generator(9), 2, 5);
        float[] before = ae.forward(x).toFloatArray();
        fp.weights().narrow(0, 0, 15).addInPlace(0.5);
        assertEquals(0.5, dec.weight().get(0, 0) - enc.weight().get(0, 0) + 0.5, 1e-6);
        assertTrue(!java.util.Arrays.equals(before, ae.forward(x).toFloatArray()));
    }

    @Test void clonesAreTiedToTheirOwnEncoder() {
        Generator.manualSeed(10);
        TiedAutoEncoder ae = tied(new Linear(5, 3));
        TiedAutoEncoder copy = ae.clone();
        Linear e = (Linear) ((Sequential) copy.encoder()).get(0);
        TiedLinear d = (TiedLinear) ((Sequential) copy.decoder()).get(0);
        assertSame(e, d.encoder());
        assertNotSame(((Sequential) ae.encoder()).get(0), e);
        TiedAutoEncoder shared = ae.sharedClone(false);
        assertSame(((Sequential) shared.encoder()).get(0), ((TiedLinear) ((Sequential) shared.decoder()).get(0)).encoder());
    }

    @Test void savingAndLoadingKeepsTheTie() {
        Generator.manualSeed(11);
        Linear enc = new Linear(6, 4);
        TiedAutoEncoder ae = new TiedAutoEncoder(new Sequential(new MaskingNoise(0.2), enc, new Sigmoid()),
                new Sequential(new TiedLinear(enc), new Sigmoid()));
        String json = ModuleRegistry.toJson(ae);
        assertTrue(json.contains("\"ties\":[\"1.0=0.1\"]"), json);
        Path f = dir.resolve("tied.safetensors");
        Model.save(ae, f);
        TiedAutoEncoder back = (TiedAutoEncoder) Model.load(f);
        Linear e2 = (Linear) ((Sequential) back.encoder()).get(1);
        TiedLinear d2 = (TiedLinear) ((Sequential) back.decoder()).get(0);
        assertSame(e2.weight(), d2.weight(), "the loaded decoder uses the loaded encoder's weight");
        assertEquals(ae.getParameters().weights().numel(), back.getParameters().weights().numel());
        Tensor x = Tensor.rand(new Generator(12), 3, 6);
        ae.evaluate();
        back.evaluate();
        assertArrayEquals(ae.forward(x).toFloatArray(), back.forward(x).toFloatArray());
        e2.weight().mulInPlace(2);
        assertSame(e2.weight(), d2.weight());
        assertEquals(json, ModuleRegistry.toJson(back));
    }

    @Test void tiesThatCannotBeSavedAreErrors() {
        Linear outside = new Linear(5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TiedAutoEncoder(
                new Sequential(new Linear(5, 3), new Sigmoid()), new TiedLinear(outside)));
        assertTrue(e.getMessage().contains("is not inside this TiedAutoEncoder"), e.getMessage());
        Linear enc = new Linear(5, 3);
        Sequential plain = new Sequential(enc, new TiedLinear(enc));
        RuntimeException s = assertThrows(RuntimeException.class, () -> ModuleRegistry.toJson(plain));
        assertTrue(s.getMessage().contains("only a TiedAutoEncoder holding both can save the tie"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TiedLinear(4, 5, true).link(enc), "sizes must match");
        IllegalStateException u = assertThrows(IllegalStateException.class,
                () -> new TiedLinear(3, 5, true).forward(Tensor.ones(2, 3)));
        assertTrue(u.getMessage().contains("not tied to an encoder"), u.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> tied(new Linear(5, 3)).add(new Sigmoid()));
    }
}
