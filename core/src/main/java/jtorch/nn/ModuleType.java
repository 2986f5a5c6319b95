package jtorch.nn;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How one module class is written to a model file and rebuilt from it, declared in the module's own file as
 * {@code public static final ModuleType<Linear> TYPE = ...}: its type name, its constructor arguments as JSON-like
 * values ({@link ModuleArgs#of}), and a constructor from those arguments (and, for a container, its already built
 * children). Parameter and buffer names come from the module's own declarations. Built-in types are listed in
 * {@link BuiltinModules}; a user's own module class is registered with {@code jtorch.io.ModuleRegistry.register(TYPE)}
 * and is then saved and loaded like the built-in ones.
 *
 * @param <M> the module class (exact: a subclass is a different type and needs its own registration)
 */
public record ModuleType<M extends Module>(String name, Class<M> cls, boolean container,
                                           Function<M, Map<String, Object>> args,
                                           BiFunction<ModuleArgs, List<Module>, M> build) {

    public ModuleType {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) throw new IllegalArgumentException(
                "ModuleType: the name must be an identifier (letters, digits, '_', '.'), got '" + name + "'");
        if (cls == null || args == null || build == null) throw new IllegalArgumentException("ModuleType " + name
                + ": null class, args or build function");
    }

    /** A module built without arguments, e.g. {@code ModuleType.of("Tanh", Tanh.class, Tanh::new)}. */
    public static <M extends Module> ModuleType<M> of(String name, Class<M> cls, Supplier<M> constructor) {
        return new ModuleType<>(name, cls, false, m -> Map.of(), (a, ch) -> constructor.get());
    }

    /** A leaf module with constructor arguments. */
    public static <M extends Module> ModuleType<M> of(String name, Class<M> cls, Function<M, Map<String, Object>> args,
                                                      Function<ModuleArgs, M> constructor) {
        return new ModuleType<>(name, cls, false, args, (a, ch) -> constructor.apply(a));
    }

    /** A container: built from its arguments and its children, which are saved with it. */
    public static <M extends Module> ModuleType<M> container(String name, Class<M> cls, Function<M, Map<String, Object>> args,
                                                             BiFunction<ModuleArgs, List<Module>, M> constructor) {
        return new ModuleType<>(name, cls, true, args, constructor);
    }

    /** {@code m}'s arguments. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> argsOf(Module m) { return args.apply((M) m); }
}
