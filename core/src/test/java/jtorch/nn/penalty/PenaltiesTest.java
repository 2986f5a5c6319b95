package jtorch.nn.penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** L1Penalty, KLSparsityPenalty, ContractiveEncoder: values against direct formulas, exact gradients. */
class PenaltiesTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    /** Entries at least 0.05 away from 0 (sign's kink). */
    static Tensor awayFromZero(long seed, int... sizes) {
        Tensor t = randn(seed, sizes);
        return t.add(t.sign().mulInPlace(0.05));
    }

    @Test void l1PenaltyIsTorch7s() {
        Tensor x = awayFromZero(1, 3, 4), g = randn(2, 3, 4);
        L1Penalty p = new L1Penalty(0.3).to(DType.F64);
        assertSame(x, p.forward(x), "forward is the identity (the input itself)");
        assertEquals(0.3 * x.abs().sum(), p.loss(), 1e-12);
        assertArrayEquals(g.add(x.sign().mulInPlace(0.3)).toDoubleArray(), p.backward(x, g).toDoubleArray(), 1e-15);
        L1Penalty avg = new L1Penalty(0.3, true, false).to(DType.F64);
        avg.forward(x);
        assertEquals(0.3 / 12 * x.abs().sum(), avg.loss(), 1e-12);
        assertArrayEquals(x.sign().mulInPlace(0.3 / 12).toDoubleArray(), avg.backward(x, g).toDoubleArray(), 1e-15,
                "provideOutput false: gradOutput is not passed on");
        PenaltyCheck.check(p, x, g);
        PenaltyCheck.check(new L1Penalty(0.7, true, true).to(DType.F64), x, g);
        Jacobian.check(new L1Penalty(0).to(DType.F64), x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void klSparsityPenaltyValueAndGradient() {
        Tensor h = randn(3, 5, 4).sigmoidInPlace(), g = randn(4, 5, 4);
        double rho = 0.1, beta = 2.5;
        KLSparsityPenalty p = new KLSparsityPenalty(rho, beta).to(DType.F64);
        assertSame(h, p.forward(h));
        double want = 0;
        for (int j = 0; j < 4; j++) {
            double m = h.select(1, j).mean();
            want += rho * Math.log(rho / m) + (1 - rho) * Math.log((1 - rho) / (1 - m));
        }
        assertEquals(beta * want, p.loss(), 1e-12);
        PenaltyCheck.check(p, h, g);
        Jacobian.check(new KLSparsityPenalty(rho, 0).to(DType.F64), h).assertBelow(Jacobian.TOLERANCE);
        // at ρ̂ = ρ the penalty and its gradient vanish
        Tensor flat = Tensor.full(DType.F64, rho, 3, 2).to(Backends.ref());
        p.forward(flat);
        assertEquals(0, p.loss(), 1e-15);
        assertArrayEquals(new double[6], p.backward(flat, flat.zerosLike()).toDoubleArray(), 1e-12);
    }

    @Test void contractivePenaltyIsTheSquaredFrobeniusNormOfTheEncodersJacobian() {
        for (boolean avg : new boolean[] {true, false}) {
            Generator.manualSeed(5);
            ContractiveEncoder e = new ContractiveEncoder(4, 3, 0.7, avg).to(DType.F64);
            Tensor x = randn(6, 2, 4), g = randn(7, 2, 3);
            e.forward(x);
            double p = e.loss(), frob = 0, eps = 1e-6;
            for (int b = 0; b < 2; b++) {          // ‖∂h_b/∂x_b‖²_F by central differences of h
                for (int i = 0; i < 4; i++) {
                    double o = x.get(b, i);
                    x.set(o + eps, b, i);
                    double[] plus = e.forward(x).tensor().select(0, b).toDoubleArray();
                    x.set(o - eps, b, i);
                    double[] minus = e.forward(x).tensor().select(0, b).toDoubleArray();
                    x.set(o, b, i);
                    for (int j = 0; j < 3; j++) frob += Math.pow((plus[j] - minus[j]) / (2 * eps), 2);
                }
            }
            assertEquals(0.7 * frob / (avg ? 2 : 1), p, 1e-8);
            PenaltyCheck.check(e, x, g);
        }
        Jacobian.check(new ContractiveEncoder(4, 3, 0).to(DType.F64), randn(8, 2, 4)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void contractiveEncoderWithoutPenaltyIsLinearThenSigmoid() {
        Generator.manualSeed(9);
        ContractiveEncoder e = new ContractiveEncoder(5, 3, 0);
        Linear l = new Linear(5, 3);
        l.weight().copy(e.weight());
        l.bias().copy(e.bias());
        Sequential ref = new Sequential(l, new Sigmoid());
        Tensor x = Tensor.randn(new Generator(10), 4, 5), g = Tensor.randn(new Generator(11), 4, 3);
        assertArrayEquals(ref.forward(x).toFloatArray(), e.forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(ref.backward(x, g).toFloatArray(), e.backward(x, g).toFloatArray(), 1e-6f);
        assertArrayEquals(l.gradWeight().toFloatArray(), e.gradWeight().toFloatArray(), 1e-6f);
    }

    @Test void totalSumsThePenaltiesOfANetwork() {
        Tensor x = awayFromZero(12, 2, 4);
        L1Penalty a = new L1Penalty(0.5).to(DType.F64);
        KLSparsityPenalty k = new KLSparsityPenalty(0.2, 1).to(DType.F64);
        Sequential net = new Sequential(a, new Sequential(new Sigmoid(), k)).to(DType.F64);
        net.forward(x);
        assertEquals(a.loss() + k.loss(), Penalty.total(net), 0);
        PenaltyCheck.check(net, x, randn(13, 2, 4));
    }

    @Test void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new L1Penalty(-1));
        assertThrows(IllegalArgumentException.class, () -> new KLSparsityPenalty(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContractiveEncoder(0, 3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KLSparsityPenalty(0.1, 1).forward(Tensor.ones(2, 3, 4)));
        assertEquals("KLSparsityPenalty(0.1, 1.0): expected activations [B, H], got [2, 3, 4]", e.getMessage());
    }
}
