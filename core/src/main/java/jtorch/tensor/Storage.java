package jtorch.tensor;

/**
 * The memory behind one or more tensors. Views share a storage and differ in offset, sizes and strides.
 * Heap storage ({@link HeapStorage}) is a plain Java array owned by the GC; an accelerator back end supplies its own kind.
 */
public interface Storage {
    /** Element type of every element of this storage. */
    DType dtype();

    /** Number of elements. */
    int length();
}
