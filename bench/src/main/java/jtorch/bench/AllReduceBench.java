package jtorch.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import jtorch.distributed.Collective;
import jtorch.distributed.TcpCollective;
import jtorch.distributed.TcpListener;
import jtorch.distributed.TcpOptions;
import jtorch.tensor.Tensor;

/**
 * The TCP ring all-reduce among p separate JVM processes on loopback, against a plain socket copy of the same bytes.
 * For n floats (4n bytes) and p processes it reports the median time of one {@code allReduce(x, SUM)}, the
 * algorithm bandwidth 4n / t and the bus bandwidth 2·(p−1)/p · 4n / t (the bytes each rank actually sends, the
 * ring's lower bound); the plain copy is one process writing 4n bytes through one loopback socket to another (a
 * direct buffer, blocking channel, no processing): its GB/s is the transport's limit. Usage:
 * {@code java -cp <core+bench classes> jtorch.bench.AllReduceBench [n ...]} (default 1M and 10M floats, p = 2 and 4).
 * The parent starts the children, hands them the peers' {@code host:port} list and the job secret on stdin, and
 * collects rank 0's figures.
 */
public final class AllReduceBench {
    static final int WARMUP = 3, REPS = 10;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        int[] ns = args.length == 0 ? new int[] {1 << 20, 10 << 20} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "%-10s %-4s %10s %12s %12s %14s%n", "floats", "p", "median ms", "algo GB/s",
                "bus GB/s", "socket copy GB/s");
        for (int n : ns) {
            double copy = launch("copy", 2, n);
            for (int p : new int[] {2, 4}) {
                double ms = launch("ring", p, n);
                double bytes = 4.0 * n;
                System.out.printf(Locale.ROOT, "%-10d %-4d %10.2f %12.3f %12.3f %14.3f%n", n, p, ms, bytes / ms / 1e6,
                        2.0 * (p - 1) / p * bytes / ms / 1e6, bytes / copy / 1e6);
            }
        }
    }

    /** Starts p children, wires them, and returns rank 0's median milliseconds. */
    static double launch(String mode, int p, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        byte[] secret = TcpCollective.newSecret();
        List<Process> ps = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        List<String> addrs = new ArrayList<>();
        for (int r = 0; r < p; r++) {
            Process pr = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), AllReduceBench.class.getName(), "--child", mode,
                    Integer.toString(r), Integer.toString(p), Integer.toString(n))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ps.add(pr);
            PrintStream in = new PrintStream(pr.getOutputStream(), true);
            in.println(HexFormat.of().formatHex(secret)); // on stdin, not the command line (ps would show it)
            BufferedReader br = new BufferedReader(new InputStreamReader(pr.getInputStream()));
            outs.add(br);
            addrs.add(br.readLine()); // the child's listening address
        }
        for (Process pr : ps) new PrintStream(pr.getOutputStream(), true).println(String.join(",", addrs));
        double ms = Double.parseDouble(outs.get(0).readLine());
        for (Process pr : ps) if (pr.waitFor() != 0) throw new IllegalStateException("a child of " + mode + " failed");
        return ms;
    }

    static void child(String[] a) throws Exception {
        String mode = a[1];
        int rank = Integer.parseInt(a[2]), p = Integer.parseInt(a[3]), n = Integer.parseInt(a[4]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        byte[] secret = HexFormat.of().parseHex(in.readLine());
        double[] t = new double[REPS];
        if (mode.equals("ring")) {
            TcpListener l = TcpListener.open("127.0.0.1", 0, secret, TcpOptions.DEFAULTS);
            System.out.println(l.address());
            List<String> peers = List.of(in.readLine().split(","));
            try (Collective c = l.join(peers, rank)) {
                Tensor x = Tensor.ones(n);
                for (int i = 0; i < WARMUP + REPS; i++) {
                    c.barrier();
                    long t0 = System.nanoTime();
                    c.allReduce(x, Collective.Op.SUM);
                    if (i >= WARMUP) t[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
                }
            }
        } else if (rank == 0) { // plain copy: rank 0 asks for and receives 4n bytes from rank 1, REPS times
            try (ServerSocketChannel s = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                System.out.println("127.0.0.1:" + ((InetSocketAddress) s.getLocalAddress()).getPort());
                in.readLine();
                try (SocketChannel ch = s.accept()) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(4 * n), go = ByteBuffer.allocate(1);
                    for (int i = 0; i < WARMUP + REPS; i++) {
                        buf.clear();
                        long t0 = System.nanoTime();
                        ch.write(go.clear());
                        while (buf.hasRemaining()) ch.read(buf);
                        if (i >= WARMUP) t[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        } else {
            System.out.println("-");
            String hp = in.readLine().split(",")[0];
            try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1))))) {
                ByteBuffer buf = ByteBuffer.allocateDirect(4 * n), go = ByteBuffer.allocate(1);
                for (int i = 0; i < WARMUP + REPS; i++) {
                    go.clear();
                    while (go.hasRemaining()) ch.read(go);
                    buf.clear();
                    while (buf.hasRemaining()) ch.write(buf);
                }
            }
        }
        Arrays.sort(t);
        if (rank == 0) System.out.println(t[REPS / 2]);
    }
}
