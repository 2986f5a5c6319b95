package jtorch.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that Spark can ship to the executors: a lambda or method reference of this type
 * ({@code ClassNLLCriterion::new}, {@code () -> LrSchedules.cosine(5, 0)}) is serializable when everything it
 * captures is. Each executor task calls {@link #get()} once to build its own object.
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
