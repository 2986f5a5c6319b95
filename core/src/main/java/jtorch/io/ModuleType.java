package jtorch.io;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import jtorch.nn.Module;

/**
 * How one module class is described and rebuilt: its type name, its constructor arguments as JSON values, a
 * constructor from those arguments (and, for containers, the already built children), and the names of its own
 * parameters in {@code parameters()} order (e.g. {@code weight}, {@code bias}).
 *
 * @param <M> the module class (exact: a subclass is a different type and needs its own registration)
 */
record ModuleType<M extends Module>(String name, Class<M> cls, boolean container,
                                    Function<M, Map<String, Object>> args,
                                    BiFunction<ModuleArgs, List<Module>, M> build,
                                    Function<M, List<String>> parameterNames) {

    @SuppressWarnings("unchecked")
    Map<String, Object> argsOf(Module m) { return args.apply((M) m); }

    @SuppressWarnings("unchecked")
    List<String> parameterNamesOf(Module m) { return parameterNames.apply((M) m); }
}
