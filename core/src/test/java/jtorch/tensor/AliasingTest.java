package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertValues;

import java.util.stream.Stream;
import jtorch.backend.Backend;
import jtorch.backend.Backends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operations whose output shares memory with an input give the result as if every input were read before any output
 * element is written, on every back end; writes into broadcast (stride-0) views are refused.
 */
class AliasingTest {
    static Stream<Backend> backends() { return Stream.of(Backends.ref(), Backends.cpu()); }

    private static Tensor m(Backend b) { return Tensor.arange(0, 9, 1).view(3, 3).to(b); }

    @ParameterizedTest @MethodSource("backends") void inPlaceWithTransposedSelf(Backend b) {
        Tensor m = m(b);
        m.addInPlace(m.t());
        assertValues(m, 0, 4, 8, 4, 8, 12, 8, 12, 16);
    }

    @ParameterizedTest @MethodSource("backends") void inPlaceWithBroadcastRowOfSelf(Backend b) {
        Tensor m = m(b);
        m.addInPlace(m.select(0, 0));
        assertValues(m, 0, 2, 4, 3, 5, 7, 6, 8, 10);
        Tensor n = m(b);
        n.mulInPlace(n.select(1, 2).unsqueeze(1)); // each row times its last element
        assertValues(n, 0, 2, 4, 15, 20, 25, 48, 56, 64);
    }

    @ParameterizedTest @MethodSource("backends") void outOverlappingInput(Backend b) {
        Tensor x = Tensor.arange(0, 5, 1).to(b);
        x.narrow(0, 0, 4).mul(Tensor.ones(4).to(b), x.narrow(0, 1, 4));
        assertValues(x, 0, 0, 1, 2, 3);
        Tensor y = Tensor.arange(0, 5, 1).to(b);
        y.narrow(0, 1, 4).apply(jtorch.backend.UnaryOp.NEG, 0, 0, y.narrow(0, 0, 4));
        assertValues(y, -1, -2, -3, -4, 4);
        Tensor z = Tensor.arange(0, 6, 1).to(b);
        z.narrow(0, 0, 3).add(z.narrow(0, 3, 3), z.narrow(0, 3, 3)); // exact alias of the second input: fine
        assertValues(z, 0, 1, 2, 3, 5, 7);
    }

    @ParameterizedTest @MethodSource("backends") void matrixProductsIntoAnOperand(Backend b) {
        Tensor c = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).to(b);
        c.addmmInPlace(0, 1, c, Tensor.ones(2, 2).to(b));
        assertValues(c, 3, 3, 7, 7);
        Tensor d = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).to(b);
        d.addmmInPlace(1, 1, d, d);
        assertValues(d, 8, 12, 18, 26);
        Tensor v = Tensor.of(new float[] {1, 2}).to(b);
        v.addmvInPlace(0, 1, Tensor.of(new float[] {0, 1, 1, 0}, 2, 2).to(b), v);
        assertValues(v, 2, 1);
    }

    @ParameterizedTest @MethodSource("backends") void scatterAddFromItself(Backend b) {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).to(b);
        t.scatterAddInPlace(0, Tensor.of(new int[] {1, 1, 0, 0}, 2, 2).to(b), t);
        assertValues(t, 4, 6, 4, 6);
    }

    @ParameterizedTest @MethodSource("backends") void writesIntoBroadcastViewsThrow(Backend b) {
        Tensor e = Tensor.zeros(1).to(b).expand(3);
        assertIae(() -> e.addInPlace(1), "addInPlace", "broadcast", "[3]");
        assertIae(() -> e.expInPlace(), "expInPlace", "broadcast");
        assertIae(() -> e.addInPlace(Tensor.ones(3).to(b)), "addInPlace", "broadcast");
        assertIae(() -> e.copy(Tensor.ones(3).to(b)), "copy", "broadcast");
        assertIae(() -> Tensor.ones(3).to(b).add(Tensor.ones(3).to(b), e), "add", "broadcast");
        assertIae(() -> Tensor.zeros(2, 1).to(b).expand(2, 2).addmmInPlace(0, 1, Tensor.ones(2, 2).to(b),
                Tensor.ones(2, 2).to(b)), "addmm", "broadcast");
        Tensor ok = Tensor.zeros(1).to(b).expand(1, 1);
        ok.addInPlace(2);
        assertValues(ok, 2);
    }
}
