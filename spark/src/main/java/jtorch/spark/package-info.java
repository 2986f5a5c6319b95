/**
 * jtorch on Apache Spark 4.2 (classic RDD API, barrier execution mode): {@link jtorch.spark.SparkDistributor} runs a
 * function on gang-scheduled tasks joined by a {@link jtorch.distributed.TcpCollective} ring (the launcher), and
 * {@link jtorch.spark.SparkTrainer} trains a network data-parallel on a {@code JavaRDD<Sample>} or a
 * {@code Dataset<Row>}, checkpointing so that a stage Spark restarts resumes (the estimator). Spark and Scala are
 * provided by the cluster.
 */
package jtorch.spark;
