package jtorch.spark;

import java.io.Serializable;

/** One barrier task's result on its way to the driver. */
record RankResult(int rank, Object value) implements Serializable {}
