package jtorch.nn.criterion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The one-pass target check of the class criteria (Backend.classTargets) and the errors the criteria make of it. */
class ClassTargetsTest {
    private static int run(Backend be, Tensor target, int classes, int ignore, Tensor index, Tensor keep) {
        return be.classTargets(target.to(be), classes, ignore, index, keep);
    }

    @Test
    void indicesAndKeepMaskOnEveryBackEndAndDtype() {
        for (Backend be : new Backend[] {Backends.ref(), Backends.cpu()}) {
            for (DType dt : new DType[] {DType.F32, DType.F64, DType.I32}) {
                Tensor t = Tensor.of(new double[] {3, -100, 0, 2, -100}, 5).to(dt);
                Tensor index = Tensor.zeros(be, DType.I32, 5), keep = Tensor.zeros(be, DType.F32, 5).fillInPlace(7);
                assertEquals(-1, run(be, t, 4, -100, index, keep), be + " " + dt);
                assertArrayEquals(new double[] {3, 0, 0, 2, 0}, index.toDoubleArray(), be + " " + dt);
                assertArrayEquals(new double[] {1, 0, 1, 1, 0}, keep.toDoubleArray(), be + " " + dt);
            }
            // a strided target (every other element) and strided outputs
            Tensor t = Tensor.of(new double[] {1, 9, 0, 9, 2, 9}, 6).to(be).narrow(0, 0, 6);
            Tensor ts = t.view(3, 2).select(1, 0);
            Tensor index = Tensor.zeros(be, DType.I32, 3, 2).select(1, 1), keep = Tensor.zeros(be, DType.F64, 3, 2).select(1, 0);
            assertEquals(-1, run(be, ts, 3, ClassNLLCriterion.NO_IGNORE, index, keep));
            assertArrayEquals(new double[] {1, 0, 2}, index.toDoubleArray());
            assertArrayEquals(new double[] {1, 1, 1}, keep.toDoubleArray());
        }
    }

    @Test
    void firstOffenderIsReported() {
        double[][] cases = {{0, 2.5, 1}, {0, 1, Double.NaN}, {-1, 0, 0}, {0, 0, 4}};
        int[] first = {1, 2, 0, 2};
        for (Backend be : new Backend[] {Backends.ref(), Backends.cpu()}) {
            for (int k = 0; k < cases.length; k++) {
                Tensor index = Tensor.zeros(be, DType.I32, 3), keep = Tensor.zeros(be, DType.F32, 3);
                assertEquals(first[k], run(be, Tensor.of(cases[k], 3), 4, -100, index, keep), be + " case " + k);
            }
        }
        Tensor index = Tensor.zeros(DType.I32, 2), keep = Tensor.zeros(DType.F32, 3);
        assertThrows(IllegalArgumentException.class, () -> Backends.cpu().classTargets(Tensor.zeros(3), 4, 0, index, keep));
    }

    @Test
    void criteriaNameTheTargetAndTheRange() {
        Tensor x = Tensor.zeros(3, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ClassNLLCriterion().forward(x, Tensor.of(new double[] {0, 1.5, 2}, 3)));
        assertTrue(e.getMessage().contains("target 1 is 1.5, not a class index (an integer in 0..3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ClassNLLCriterion().forward(x, Tensor.of(new double[] {0, 1, 4}, 3).to(DType.I32)));
        assertTrue(e.getMessage().contains("ClassNLLCriterion: target 2 is class 4, outside 0..3 for input [3, 4]"),
                e.getMessage());
        // the ignored value is no error, and an ignored sample costs nothing
        ClassNLLCriterion ignoring = new ClassNLLCriterion(null, -1);
        Tensor lp = Tensor.of(new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12}, 3, 4);
        assertEquals((1 + 7) / 2.0, ignoring.forward(lp, Tensor.of(new double[] {0, 2, -1}, 3)), 0);
    }
}
