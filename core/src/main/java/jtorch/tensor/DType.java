package jtorch.tensor;

/**
 * Element type of a tensor.
 * <ul>
 *   <li>{@link #F32}: 32-bit float, the compute type; the fast CPU back end works in F32.</li>
 *   <li>{@link #F64}: 64-bit float, the reference type used for finite-difference gradient checks.</li>
 *   <li>{@link #I32}: 32-bit int, for indices and class labels (argmax results, {@code indexSelect}, {@code gather}).</li>
 * </ul>
 */
public enum DType {
    F32(4), F64(8), I32(4);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    /** Size of one element in bytes. */
    public int bytes() { return bytes; }

    /** True for F32 and F64. */
    public boolean isFloating() { return this != I32; }
}
