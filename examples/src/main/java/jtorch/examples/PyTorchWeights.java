package jtorch.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import jtorch.io.Safetensors;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Tensor;

/**
 * Loads the weights of an MLP trained with PyTorch into a jtorch {@link Sequential} by name and reproduces PyTorch's
 * outputs. {@code tools/pytorch_mlp.py} trained {@code nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))}
 * on the UCI digits (inputs = pixels / 16) and saved its {@code state_dict} as safetensors: {@code 0.weight} [32, 64],
 * {@code 0.bias} [32], {@code 2.weight} [10, 32], {@code 2.bias} [10], once as F32 and once as F16. jtorch's
 * {@code Linear} stores its weight as [out, in] like {@code nn.Linear}, so the tensors copy over unchanged.
 * <p>Run: {@code ./jtorch run jtorch.examples.PyTorchWeights}; prints, for the F32 and the F16 weights, the largest
 * difference from PyTorch's logits on 16 digits not trained on, and the predictions.
 */
public final class PyTorchWeights {
    private PyTorchWeights() {}

    /** The architecture of the PyTorch model, in jtorch. */
    static Sequential model() {
        return new Sequential().add(new Linear(64, 32)).add(new ReLU()).add(new Linear(32, 10));
    }

    /**
     * Copies every parameter of {@code model} from {@code weights} by dotted name ({@code 0.weight}); strict, like
     * PyTorch's {@code load_state_dict}: the names must be the same sets and the shapes equal.
     */
    static void load(Module model, Map<String, Tensor> weights) { model.loadStateDict(weights, true); }

    /** jtorch's logits for {@code input} [B, 64] with the weights of {@code weightsFile}. */
    static Tensor logits(Path weightsFile, Tensor input) {
        Sequential m = model();
        load(m, Safetensors.read(weightsFile).tensors());
        m.evaluate();
        return m.forward(input).clone();
    }

    /** A resource of this class as a file (copied to a temporary file when the class path is a jar). */
    static Path resource(String name) {
        try (InputStream in = PyTorchWeights.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the class path");
            Path tmp = Files.createTempFile("jtorch-", "-" + name);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        Map<String, Tensor> io = Safetensors.read(resource("pytorch_mlp_io.safetensors")).tensors();
        Tensor input = io.get("input");
        for (String[] run : new String[][] {{"pytorch_mlp.safetensors", "output"}, {"pytorch_mlp_f16.safetensors", "output_f16"}}) {
            Tensor out = logits(resource(run[0]), input);
            double diff = out.sub(io.get(run[1])).abs().max();
            System.out.printf(Locale.ROOT, "%s: max |jtorch - PyTorch| over %d logits = %.3g (max |logit| %.3g)%n",
                    run[0], out.numel(), diff, io.get(run[1]).abs().max());
            if (run[1].equals("output")) {
                System.out.println("predicted " + Arrays.toString(out.argmax(1, false).toIntArray()));
                System.out.println("label     " + Arrays.toString(io.get("label").toIntArray()));
            }
        }
    }
}
