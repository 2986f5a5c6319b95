package jtorch.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs tools/vae_torch.py (the same VAE in PyTorch CPU) for one latent size with the example's settings and reads its
 * {@code RESULT latent=Z elbo=E iwae=I train_seconds=S train_cpu_seconds=C} line; its other lines are echoed with a "torch " prefix.
 */
final class VaePeer {
    private VaePeer() {}

    /** {ELBO, IWAE, training seconds, training CPU seconds}, or null (said why) when the peer cannot run. */
    static double[] run(Vae v, int latent) {
        Path script = locate();
        if (script == null) {
            System.out.println("torch peer skipped: tools/vae_torch.py not found from " + Path.of("").toAbsolutePath());
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder(v.peer, script.toString(), "--data", v.data.toString(), "--latent",
                String.valueOf(latent), "--epochs", String.valueOf(v.epochs), "--hidden", String.valueOf(v.hidden),
                "--batch", String.valueOf(v.batch), "--lr", String.valueOf(v.lr), "--train", String.valueOf(v.train),
                "--test", String.valueOf(v.test), "--k", String.valueOf(v.k), "--seed", String.valueOf(v.seed),
                "--threads", String.valueOf(v.threads)).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(v.threads));
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        try {
            Process p = pb.start();
            double[] out = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("RESULT ")) out = parse(line);
                    else if (v.verbose) System.out.println("torch " + line);
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || out == null) System.out.println("torch peer failed (exit " + rc + "): " + v.peer + " " + script);
            return rc == 0 ? out : null;
        } catch (IOException e) {
            System.out.println("torch peer skipped: cannot start " + v.peer + " (" + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double[] parse(String line) {
        double[] o = new double[4];
        for (String kv : line.substring(7).trim().split("\\s+")) {
            String[] p = kv.split("=");
            switch (p[0]) {
                case "elbo" -> o[0] = Double.parseDouble(p[1]);
                case "iwae" -> o[1] = Double.parseDouble(p[1]);
                case "train_seconds" -> o[2] = Double.parseDouble(p[1]);
                case "train_cpu_seconds" -> o[3] = Double.parseDouble(p[1]);
                default -> { }
            }
        }
        return o;
    }

    /** tools/vae_torch.py in the working directory or one of its parents (the repository root). */
    private static Path locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("tools").resolve("vae_torch.py");
            if (Files.isRegularFile(s)) return s;
        }
        return null;
    }
}
