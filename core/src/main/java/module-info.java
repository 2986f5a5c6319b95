/**
 * jtorch core: tensors and their back ends, Torch7's {@code nn} and {@code optim}, data sets, model files and the
 * training loop. No dependency outside the JDK.
 * <p>The {@code cpu} back end uses the incubating Vector API ({@code jdk.incubator.vector}), which this module
 * requires: on the module path it is resolved with this module; on the class path start the JVM with
 * {@code --add-modules jdk.incubator.vector} (without it jtorch says so in one line and runs on the reference back
 * end). {@code java.desktop} (Java2D, ImageIO) draws the PNG plots of {@code jtorch.train.plot}, headless.
 */
module jtorch.core {
    requires jdk.incubator.vector;
    requires java.desktop;

    exports jtorch.autograd;
    exports jtorch.backend;
    exports jtorch.backend.cpu;
    exports jtorch.backend.ref;
    exports jtorch.data;
    exports jtorch.distributed;
    exports jtorch.graph;
    exports jtorch.io;
    exports jtorch.nn;
    exports jtorch.nn.activation;
    exports jtorch.nn.attention;
    exports jtorch.nn.conv;
    exports jtorch.nn.criterion;
    exports jtorch.nn.distance;
    exports jtorch.nn.ladder;
    exports jtorch.nn.layer;
    exports jtorch.nn.memory;
    exports jtorch.nn.noise;
    exports jtorch.nn.norm;
    exports jtorch.nn.penalty;
    exports jtorch.nn.pool;
    exports jtorch.nn.reduce;
    exports jtorch.nn.rnn;
    exports jtorch.nn.softmax;
    exports jtorch.nn.sparse;
    exports jtorch.nn.spatial;
    exports jtorch.nn.table;
    exports jtorch.nn.vae;
    exports jtorch.optim;
    exports jtorch.tensor;
    exports jtorch.train;
    exports jtorch.train.plot;
    exports jtorch.unsup.rbm;
    exports jtorch.unsup.sparse;
}
