package jtorch.backend;

import jtorch.backend.cpu.CpuBackend;
import jtorch.backend.ref.RefBackend;

/**
 * The back ends in this JVM and the default one that new tensors are created on.
 * The default is {@code cpu}; the system property {@code jtorch.backend=ref} selects the reference back end instead.
 * <p>The {@code cpu} back end needs the incubating Vector API, which the JVM resolves only when started with
 * {@code --add-modules jdk.incubator.vector} (or when a named module that requires it is on the module path). Without
 * it, this class prints one line on standard error naming the flag, once, and the default is the reference back end
 * ({@link RefBackend}): programs run, slower, instead of failing with
 * {@code NoClassDefFoundError: jdk/incubator/vector/Vector}. No class of {@code jtorch.backend.cpu} is touched then.
 */
public final class Backends {
    /** The module the {@code cpu} back end needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    private static final RefBackend REF = new RefBackend();
    private static volatile Backend defaultBackend = initialDefault();

    private Backends() {}

    /** Holds the cpu back end, so that its class is loaded only when the Vector API is present and it is asked for. */
    private static final class Cpu {
        static final CpuBackend INSTANCE = new CpuBackend();
    }

    private static Backend initialDefault() {
        String name = System.getProperty("jtorch.backend", "cpu");
        if (name.equals("cpu") && !VECTOR_API) {
            System.err.println(missingVectorApi() + "; running on the reference back end (jtorch.backend.ref), which is"
                    + " much slower (-Djtorch.backend=ref silences this line)");
            return REF;
        }
        return byName(name);
    }

    private static String missingVectorApi() {
        return "jtorch: the JVM was started without --add-modules " + VECTOR_MODULE
                + ", so the fast cpu back end (Vector API) is unavailable: add that flag to the java command";
    }

    /** Whether the Vector API module is in this JVM's boot layer, that is, whether {@link #cpu()} can be used. */
    public static boolean vectorApiAvailable() { return VECTOR_API; }

    /** The reference back end: plain scalar loops, the test oracle. */
    public static RefBackend ref() { return REF; }

    /**
     * The fast CPU back end (Vector API, multithreaded).
     * @throws IllegalStateException when the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    public static CpuBackend cpu() {
        if (!VECTOR_API) throw new IllegalStateException(missingVectorApi());
        return Cpu.INSTANCE;
    }

    /** The back end new tensors are created on. */
    public static Backend getDefault() { return defaultBackend; }

    /**
     * Makes {@code b} the back end new tensors are created on.
     * @param b the new default, not null
     */
    public static void setDefault(Backend b) {
        if (b == null) throw new IllegalArgumentException("Backends.setDefault: null back end");
        defaultBackend = b;
    }

    /**
     * The back end called {@code name}.
     * @param name {@code "ref"} or {@code "cpu"}
     * @return that back end
     * @throws IllegalArgumentException for other names
     * @throws IllegalStateException for {@code "cpu"} when the Vector API module is absent (see {@link #cpu()})
     */
    public static Backend byName(String name) {
        return switch (name) {
            case "ref" -> REF;
            case "cpu" -> cpu();
            default -> throw new IllegalArgumentException("unknown back end '" + name + "' (known: ref, cpu)");
        };
    }
}
