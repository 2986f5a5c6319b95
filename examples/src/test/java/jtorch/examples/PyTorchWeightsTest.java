package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.io.Safetensors;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch-trained MLP of {@code tools/pytorch_mlp.py} (fixtures in src/main/resources/jtorch/examples) gives
 * PyTorch's logits in jtorch. Tolerance: 1e-5 absolute on logits up to 24 in magnitude (about 5 float32 ulps there);
 * PyTorch's own float32 logits differ from float64 ones by 2.8e-6.
 */
class PyTorchWeightsTest {
    static final double TOL = 1e-5;
    static final Map<String, Tensor> IO = Safetensors.read(PyTorchWeights.resource("pytorch_mlp_io.safetensors")).tensors();

    @Test void fixtureHoldsWhatTheScriptDescribes() {
        Map<String, Tensor> w = Safetensors.read(PyTorchWeights.resource("pytorch_mlp.safetensors")).tensors();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(w.keySet()));
        assertArrayEquals(new int[] {32, 64}, w.get("0.weight").sizes());
        assertEquals(DType.I32, IO.get("label").dtype()); // stored as I64 by PyTorch
        assertArrayEquals(new int[] {16, 10}, IO.get("output").sizes());
    }

    @Test void f32WeightsReproducePyTorchsLogits() {
        Tensor out = PyTorchWeights.logits(PyTorchWeights.resource("pytorch_mlp.safetensors"), IO.get("input"));
        double vsTorch = out.sub(IO.get("output")).abs().max();
        double vsF64 = out.to(DType.F64).sub(IO.get("output_f64")).abs().max();
        assertTrue(vsTorch <= TOL, "max |jtorch - PyTorch float32| = " + vsTorch);
        assertTrue(vsF64 <= TOL, "max |jtorch - PyTorch float64| = " + vsF64);
        assertArrayEquals(IO.get("output").argmax(1, false).toIntArray(), out.argmax(1, false).toIntArray());
        System.out.printf("PyTorchWeightsTest: F32 max diff vs PyTorch float32 %.3g, vs float64 %.3g%n", vsTorch, vsF64);
    }

    @Test void f16WeightsReproducePyTorchsLogitsWithTheRoundedWeights() {
        Tensor out = PyTorchWeights.logits(PyTorchWeights.resource("pytorch_mlp_f16.safetensors"), IO.get("input"));
        double vs = out.sub(IO.get("output_f16")).abs().max();
        assertTrue(vs <= TOL, "max |jtorch - PyTorch| with F16 weights = " + vs);
        System.out.printf("PyTorchWeightsTest: F16 max diff vs PyTorch %.3g%n", vs);
    }

    @Test void loadingIsStrict() {
        Map<String, Tensor> w = new LinkedHashMap<>(Safetensors.read(PyTorchWeights.resource("pytorch_mlp.safetensors")).tensors());
        Map<String, Tensor> missing = new LinkedHashMap<>(w);
        missing.remove("2.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchWeights.load(PyTorchWeights.model(), missing));
        assertTrue(e.getMessage().contains("2.bias"), e.getMessage());
        w.put("0.weight", Tensor.zeros(64, 32)); // transposed: PyTorch and jtorch both store [out, in]
        e = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(PyTorchWeights.model(), w));
        assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("[64, 32]"), e.getMessage());
    }
}
