package jtorch.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import jtorch.nn.BuiltinModules;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.StoredTensors;
import jtorch.tensor.Tensor;

/**
 * Describes a network as JSON and rebuilds it from the {@link ModuleType}s known by name: the built-in ones
 * ({@link BuiltinModules}) and those {@link #register registered} by the user (no reflection: a file can only name a
 * registered type). A module is described as
 * {@code {"type": "Linear", "args": {"inputSize": 4, "outputSize": 3, "bias": true}}}; a container adds
 * {@code "children": [...]}; {@code args} is left out when empty. Example:
 * <pre>{"type":"Sequential","children":[{"type":"Linear","args":{"inputSize":4,"outputSize":3,"bias":true}},
 * {"type":"Tanh"}]}</pre>
 * The description holds everything a module is built from (sizes, constants, Dropout's p), not its weights:
 * {@link Model} stores those beside it, named by {@link Module#stateDict()} path ({@code 0.weight}, {@code 2.1.bias}).
 * <p>Only the registered classes themselves are accepted (a subclass is a different module); anything else, an unknown
 * type name, a missing or unexpected argument throws {@link IllegalArgumentException} naming the module's path.
 */
public final class ModuleRegistry {
    private ModuleRegistry() {}

    private static final Map<String, ModuleType<?>> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<Class<?>, ModuleType<?>> BY_CLASS = new ConcurrentHashMap<>();

    static {
        for (ModuleType<?> t : BuiltinModules.types()) register(t);
    }

    /**
     * Built-in types of packages above {@code io} ({@code jtorch.graph}), which this package must not import: known
     * by name here; the first lookup of such a name loads its class, whose static initialiser registers its type.
     */
    private static final Map<String, String> ABOVE = Map.of("Graph", "jtorch.graph.Graph");

    /** The built-in type names: {@link BuiltinModules} and those of the packages above this one. */
    public static Set<String> builtinTypes() {
        Set<String> out = new TreeSet<>(ABOVE.keySet());
        for (ModuleType<?> t : BuiltinModules.types()) out.add(t.name());
        return Collections.unmodifiableSet(out);
    }

    private static ModuleType<?> byName(String name) {
        ModuleType<?> t = BY_NAME.get(name);
        if (t != null || !ABOVE.containsKey(name)) return t;
        try {
            Class.forName(ABOVE.get(name), true, ModuleRegistry.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ModuleRegistry: built-in type " + name + " is missing its class", e);
        }
        return BY_NAME.get(name);
    }

    /**
     * Makes {@code type} known, so that modules of its class can be saved and files naming it loaded. Registering the
     * same type again is a no-op; another type under a taken name or class throws.
     */
    public static synchronized void register(ModuleType<?> type) {
        ModuleType<?> byName = BY_NAME.get(type.name()), byClass = BY_CLASS.get(type.cls());
        if (byName == type && byClass == type) return;
        if (byName != null) throw new IllegalArgumentException("ModuleRegistry.register: the name \"" + type.name()
                + "\" is taken by " + byName.cls().getName());
        if (byClass != null) throw new IllegalArgumentException("ModuleRegistry.register: " + type.cls().getName()
                + " is registered already, as \"" + byClass.name() + "\"");
        BY_NAME.put(type.name(), type);
        BY_CLASS.put(type.cls(), type);
    }

    /** The registered type names, sorted. */
    public static Set<String> types() { return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet())); }

    /** True when {@code cls} itself (not a superclass of it) is registered. */
    public static boolean isRegistered(Class<? extends Module> cls) { return BY_CLASS.containsKey(cls); }

    /** The compact JSON description of {@code m} and its children. */
    public static String toJson(Module m) { return Json.write(describe(m)); }

    /** The description of {@code m} as JSON values (maps, lists, strings, numbers). */
    public static Map<String, Object> describe(Module m) { return describe(m, "root"); }

    private static Map<String, Object> describe(Module m, String path) {
        if (m == null) throw new IllegalArgumentException("ModuleRegistry: null module at " + path);
        ModuleType<?> t = typeOf(m, path);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", t.name());
        Map<String, Object> args = new LinkedHashMap<>();
        t.argsOf(m).forEach((k, v) -> args.put(k, v instanceof Double d ? Json.number(d) : v));
        if (!args.isEmpty()) node.put("args", args);
        if (t.container()) {
            List<Object> children = new ArrayList<>();
            List<Module> ch = m.children();
            for (int i = 0; i < ch.size(); i++) children.add(describe(ch.get(i), childPath(path, i)));
            node.put("children", children);
        } else if (!m.children().isEmpty()) {
            throw new IllegalArgumentException("module " + path + " (" + t.name() + ") has children but its type is not"
                    + " registered as a container");
        }
        return node;
    }

    /** Builds the network described by {@code json}, with freshly initialised weights. */
    public static Module fromJson(String json) {
        Object node;
        try {
            node = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("module description: " + e.getMessage(), e);
        }
        return build(node);
    }

    /** Builds the network of a description given as JSON values (see {@link #describe}), freshly initialised. */
    public static Module build(Object description) { return build(description, "root", null, null); }

    /**
     * Builds the network of {@code description} around stored tensors ({@link StoredTensors}): every declared
     * parameter and buffer adopts the tensor of its path, which must exist with the declared shape (checked before
     * anything is allocated); no random numbers are drawn. The names adopted are added to {@code used}.
     */
    public static Module build(Object description, Map<String, Tensor> stored, Set<String> used) {
        return build(description, "root", stored, used);
    }

    private static Module build(Object description, String path, Map<String, Tensor> stored, Set<String> used) {
        if (!(description instanceof Map<?, ?> raw)) throw new IllegalArgumentException("module " + path
                + ": expected an object {\"type\": ...}, got " + Json.kind(description));
        @SuppressWarnings("unchecked") Map<String, Object> node = (Map<String, Object>) raw;
        for (String k : node.keySet()) {
            if (!k.equals("type") && !k.equals("args") && !k.equals("children")) throw new IllegalArgumentException(
                    "module " + path + ": unknown field \"" + k + "\" (known: type, args, children)");
        }
        if (!(node.get("type") instanceof String name)) throw new IllegalArgumentException("module " + path
                + ": missing or non-string \"type\"");
        ModuleType<?> t = byName(name);
        if (t == null) throw new IllegalArgumentException("module " + path + ": unknown module type \"" + name
                + "\" (known: " + String.join(", ", types()) + "; a module class of your own needs"
                + " ModuleRegistry.register(YourModule.TYPE) before loading)");
        String where = "module " + path + " (" + name + ")";
        Object argsNode = node.getOrDefault("args", Map.of());
        if (!(argsNode instanceof Map<?, ?> argsMap)) throw new IllegalArgumentException(where
                + ": \"args\" must be an object, got " + Json.kind(argsNode));
        @SuppressWarnings("unchecked") ModuleArgs args = new ModuleArgs(where, (Map<String, Object>) argsMap);
        List<Module> children = new ArrayList<>();
        Object ch = node.get("children");
        if (t.container()) {
            if (!(ch instanceof List<?> list)) throw new IllegalArgumentException(where
                    + ": a container needs a \"children\" array");
            for (int i = 0; i < list.size(); i++) children.add(build(list.get(i), childPath(path, i), stored, used));
        } else if (ch != null) {
            throw new IllegalArgumentException(where + ": takes no children");
        }
        Module m;
        try {
            m = stored == null ? t.build().apply(args, children)
                    : StoredTensors.build(stored, used, path.equals("root") ? "" : path + ".",
                            () -> t.build().apply(args, children));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) throw e;
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (m.getClass() != t.cls()) throw new IllegalStateException(where + ": its constructor built a "
                + m.getClass().getName() + ", not a " + t.cls().getName());
        args.checkAllUsed();
        return m;
    }

    /**
     * Every parameter (weight, not gradient) of {@code m} by path, in {@code parameters()} (and so
     * {@code getParameters()}) order. Throws when a module is not registered.
     */
    public static LinkedHashMap<String, Tensor> namedParameters(Module m) {
        describe(m);
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Module.Parameter p : m.namedParameters()) out.put(p.name(), p.weight());
        return out;
    }

    private static ModuleType<?> typeOf(Module m, String path) {
        ModuleType<?> t = BY_CLASS.get(m.getClass());
        if (t == null) throw new IllegalArgumentException("module " + path + ": type " + m.getClass().getName()
                + " is not registered, so it cannot be saved: declare a ModuleType TYPE in its file and call"
                + " jtorch.io.ModuleRegistry.register(TYPE) (known: " + String.join(", ", types()) + ")");
        return t;
    }

    private static String childPath(String path, int i) { return path.equals("root") ? Integer.toString(i) : path + "." + i; }
}
