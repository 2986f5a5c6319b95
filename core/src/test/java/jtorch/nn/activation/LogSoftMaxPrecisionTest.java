package jtorch.nn.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** LogSoftMax subtracts the row maximum exactly before the log-sum-exp, so large |x| costs no precision. */
class LogSoftMaxPrecisionTest {

    @Test void equalLargeNegativeEntriesGiveMinusLogThreeToTheUlp() {
        Tensor y = new LogSoftMax().forward(Tensor.full(jtorch.tensor.DType.F32, -3e4, 2, 3));
        for (float v : y.toFloatArray()) assertEquals((float) -Math.log(3), v, 0f); // PyTorch: -1.0986123
    }

    @Test void shiftedRowsGiveTheSameResult() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        float[] a = new LogSoftMax().forward(x).toFloatArray();
        float[] b = new LogSoftMax().forward(x.add(Tensor.full(jtorch.tensor.DType.F32, 4096, 1, 3))).toFloatArray();
        for (int i = 0; i < 3; i++) assertEquals(a[i], b[i], 0f, "entry " + i);
    }
}
