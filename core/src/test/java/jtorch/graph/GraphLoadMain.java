package jtorch.graph;

import java.nio.file.Path;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * Child JVM of {@link GraphFreshJvmTest}: loads a model file naming a Graph before anything here has touched the
 * Graph class (the registry must find the type by name), runs it on a [2, 3] batch of ones and prints the output.
 */
public final class GraphLoadMain {
    private GraphLoadMain() {}

    public static void main(String[] args) {
        Module m = Model.load(Path.of(args[0]));
        System.out.println(m.getClass().getName() + " " + java.util.Arrays.toString(
                m.forward(Tensor.ones(2, 3)).tensor().toFloatArray()));
    }
}
