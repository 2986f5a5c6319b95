package jtorch.unsup.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Sequential;
import jtorch.nn.sparse.LISTA;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** PSD's encoders and LISTA fitted to FISTA's optimal codes on data from a known sparse model (F64). */
class CodeRegressionTest {
    private static Tensor forward(jtorch.nn.Module m, Tensor x) { return m.forward(x).toTensor("codes"); }

    @Test void encodersStartAtIstaAndLearnToPredictTheOptimalCodes() {
        Tensor d = FistaTest.dictionary(31, 8, 16);
        Tensor x = DictionaryLearningTest.data(d, 320, 32), held = DictionaryLearningTest.data(d, 200, 33);
        Lasso p = Lasso.of(d, 0.2);
        Stop optimal = Stop.converged(1e-5, 1000);
        Tensor z = Fista.solve(p, x, optimal).codes(), zHeld = Fista.solve(p, held, optimal).codes();
        double ista1 = CodeRegression.relativeError(Ista.solve(p, held, Stop.after(1)).codes(), zHeld);
        double ista3 = CodeRegression.relativeError(Ista.solve(p, held, Stop.after(3)).codes(), zHeld);
        CodeRegression.Options o = new CodeRegression.Options(10, 40, 3e-3, 34);

        Sequential shrink = Psd.shrinkageEncoder(d, 0.2, p.lipschitz());
        assertArrayEquals(Ista.solve(p, held, Stop.after(1)).codes().toDoubleArray(), forward(shrink, held).toDoubleArray(), 1e-12);
        double[] loss = CodeRegression.fit(shrink, x, z, o, null);
        assertTrue(loss[loss.length - 1] < 0.7 * loss[0], "shrinkage encoder loss " + java.util.Arrays.toString(loss));
        double shrinkError = CodeRegression.relativeError(forward(shrink, held), zHeld);
        assertTrue(shrinkError < 0.8 * ista1, "shrinkage encoder " + shrinkError + " vs ISTA-1 " + ista1);

        Sequential tanh = Psd.encoder(d, p.lipschitz());
        double tanhStart = CodeRegression.relativeError(forward(tanh, held), zHeld);
        CodeRegression.fit(tanh, x, z, o, null);
        double tanhError = CodeRegression.relativeError(forward(tanh, held), zHeld);
        assertTrue(tanhError < tanhStart && tanhError < 1, "tanh encoder " + tanhStart + " -> " + tanhError);

        LISTA lista = LISTA.fromDictionary(d, 0.2, p.lipschitz(), 2);
        double[] listaLoss = CodeRegression.fit(lista, x, z, o, (e, l) -> {});
        double listaError = CodeRegression.relativeError(forward(lista, held), zHeld);
        assertTrue(listaLoss[listaLoss.length - 1] < listaLoss[0]);
        assertTrue(listaError < 0.7 * ista3 && listaError < shrinkError, "LISTA-2 " + listaError + " vs ISTA-3 " + ista3
                + " and the shrinkage encoder " + shrinkError);
    }

    @Test void relativeErrorAndBadArguments() {
        Tensor a = FistaTest.inputs(1, 3, 4);
        assertEquals(0, CodeRegression.relativeError(a, a));
        assertEquals(1, CodeRegression.relativeError(a.zerosLike(), a), 1e-12);
        assertEquals(4, CodeRegression.relativeError(a.mul(3), a), 1e-12);
        FistaTest.expect(() -> CodeRegression.relativeError(a, FistaTest.inputs(1, 3, 5)), "[3, 4]", "[3, 5]");
        FistaTest.expect(() -> new CodeRegression.Options(0, 1, 1e-3, 0), "epochs");
        FistaTest.expect(() -> new CodeRegression.Options(1, 1, 0, 0), "learningRate > 0");
        CodeRegression.Options o = new CodeRegression.Options(1, 1, 1e-3, 0);
        FistaTest.expect(() -> CodeRegression.fit(new LISTA(4, 2, 1), a, FistaTest.inputs(2, 2, 2), o, null), "[3, 4]", "[2, 2]");
        FistaTest.expect(() -> Psd.encoder(FistaTest.inputs(1, 6, 1).view(6), 1), "[n, m]", "[6]");
    }
}
