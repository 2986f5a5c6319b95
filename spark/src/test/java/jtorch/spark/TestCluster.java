package jtorch.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One {@code local-cluster[2,1,1024]} Spark context for every test class of the module (surefire runs them in one
 * JVM): a driver (this JVM) and two executor JVMs of one core and 1 GiB each, started by in-process standalone
 * workers. Starting it costs about 15-30 s here, so it is made once and stopped when the JVM exits. The executors
 * get this JVM's class path (the surefire booter jar, whose manifest lists the test classes and every Maven jar, by
 * absolute paths); the pom supplies SPARK_HOME (target/spark-home, whose empty jars/ this class makes), SPARK_SCALA_VERSION and SPARK_LOCAL_IP, and Spark's
 * module options for this JVM.
 */
final class TestCluster {
    private static JavaSparkContext sc;

    private TestCluster() {}

    static synchronized JavaSparkContext get() {
        if (sc == null) {
            // local-cluster mode builds executor command lines from SPARK_HOME/jars, which must exist; it stays
            // empty (the executors get the test class path through spark.executor.extraClassPath)
            String home = System.getenv("SPARK_HOME");
            if (home == null) throw new IllegalStateException("TestCluster: SPARK_HOME is not set (the pom's surefire "
                    + "configuration sets it; run the tests through Maven)");
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(home, "jars"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("TestCluster: cannot create " + home + "/jars", e);
            }
            SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("jtorch-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    // one core per executor: one jtorch compute thread (Spark adds its module options in front)
                    .set("spark.executor.extraJavaOptions", "-Djtorch.threads=1")
                    // barrier jobs submitted before both executors registered: re-check every second, not every 15 s
                    .set("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s")
                    .set("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "600");
            sc = new JavaSparkContext(conf);
            sc.setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sc.stop()));
        }
        return sc;
    }
}
