package jtorch.backend;

import jtorch.backend.cpu.CpuBackend;
import jtorch.backend.ref.RefBackend;

/**
 * The back ends in this JVM and the default one that new tensors are created on.
 * The default is {@code cpu}; the system property {@code jtorch.backend=ref} selects the reference back end instead.
 */
public final class Backends {
    private static final RefBackend REF = new RefBackend();
    private static final CpuBackend CPU = new CpuBackend();
    private static volatile Backend defaultBackend = byName(System.getProperty("jtorch.backend", "cpu"));

    private Backends() {}

    /** The reference back end: plain scalar loops, the test oracle. */
    public static RefBackend ref() { return REF; }

    /** The fast CPU back end (Vector API, multithreaded). */
    public static CpuBackend cpu() { return CPU; }

    /** The back end new tensors are created on. */
    public static Backend getDefault() { return defaultBackend; }

    public static void setDefault(Backend b) {
        if (b == null) throw new IllegalArgumentException("Backends.setDefault: null back end");
        defaultBackend = b;
    }

    /** "ref" or "cpu". */
    public static Backend byName(String name) {
        return switch (name) {
            case "ref" -> REF;
            case "cpu" -> CPU;
            default -> throw new IllegalArgumentException("unknown back end '" + name + "' (known: ref, cpu)");
        };
    }
}
