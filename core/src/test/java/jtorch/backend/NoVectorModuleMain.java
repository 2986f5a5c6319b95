package jtorch.backend;

import jtorch.tensor.Tensor;

/** Child JVM of {@link NoVectorModuleTest}: a small tensor computation, run without the Vector API module. */
public final class NoVectorModuleMain {
    private NoVectorModuleMain() {}

    public static void main(String[] args) {
        Tensor x = Tensor.arange(0, 6, 1).view(2, 3);
        Tensor y = x.mm(x.t()).tanh().add(x.sum());
        System.out.println("backend " + Backends.getDefault().name());
        System.out.println("sum " + x.mul(x).sum());
        System.out.println("y " + java.util.Arrays.toString(y.toFloatArray()));
        try {
            Backends.cpu();
            System.out.println("cpu() returned");
        } catch (IllegalStateException e) {
            System.out.println("cpu() refused: " + e.getMessage());
        }
    }
}
