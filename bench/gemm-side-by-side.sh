#!/usr/bin/env bash
# Side-by-side F32 GEMM: jtorch (pure Java, Vector API) vs numpy/OpenBLAS, same shapes, same thread counts, one run.
# Prints: shape | threads | jtorch GF/s | numpy GF/s | ratio (jtorch / numpy).
#
# Usage: bench/gemm-side-by-side.sh [shape...]      (shape = MxNxK, optional :tA tB suffix, e.g. 64x1500x3072:nt)
# Env:   THREADS="1 2"   SAMPLES=7   JAVA_OPTS="-XX:UseAVX=2" (extra JVM flags)   JAR=bench/target/jtorch-bench.jar
#        NUMPY_PY=python3 (an interpreter whose numpy uses OpenBLAS)   TORCH_PY=/usr/bin/python3 with PEER_TORCH=1 adds
#        a PyTorch column (torch.set_num_threads).
# Build first: mvn -B -pl core,bench -am package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${JAR:-$here/target/jtorch-bench.jar}"
threads="${THREADS:-1 2}"
samples="${SAMPLES:-7}"
numpy_py="${NUMPY_PY:-python3}"
if [ $# -gt 0 ]; then shapes=("$@"); else
  shapes=(64x64x64 256x256x256 1024x1024x1024 2048x2048x2048 64x1500x3072 3072x1500x64 64x3072x1500 64x10x1500)
fi
java_bin=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$j" ] && [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then java_bin="$j/bin/java"; break; fi
done
[ -n "$java_bin" ] || { echo "gemm-side-by-side: JDK 25 not found (set JAVA_HOME)" >&2; exit 1; }
[ -f "$jar" ] || { echo "gemm-side-by-side: $jar missing; build with: mvn -B -pl core,bench -am package -DskipTests" >&2; exit 1; }

out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cpus; $("$java_bin" -version 2>&1 | head -1)"
echo "# JVM flags: --add-modules jdk.incubator.vector ${JAVA_OPTS:-}; numpy: $("$numpy_py" -c 'import numpy; print(numpy.__version__)')"
for t in $threads; do   # interleaved per thread count: jtorch, then the peers
  # shellcheck disable=SC2086
  "$java_bin" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -cp "$jar" jtorch.bench.GemmSideBySide \
      --threads "$t" --samples "$samples" "${shapes[@]}" 2>/dev/null | sed 's/^/jtorch /' >> "$out/all"
  OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t \
      "$numpy_py" "$here/peer/gemm_numpy.py" --threads "$t" --samples "$samples" "${shapes[@]}" | sed 's/^/numpy /' >> "$out/all"
  if [ "${PEER_TORCH:-0}" = 1 ]; then
    OMP_NUM_THREADS=$t "${TORCH_PY:-/usr/bin/python3}" "$here/peer/gemm_numpy.py" --lib torch --threads "$t" \
        --samples "$samples" "${shapes[@]}" | sed 's/^/torch /' >> "$out/all"
  fi
done
awk -v torch="${PEER_TORCH:-0}" '
  { gf[$1, $2, $3] = $4; if (!(($2, $3) in seen)) { seen[$2, $3] = 1; order[n++] = $2 SUBSEP $3 } }
  END {
    printf "%-20s | %7s | %11s | %10s | %6s", "shape (MxNxK)", "threads", "jtorch GF/s", "numpy GF/s", "ratio"
    if (torch == 1) printf " | %10s", "torch GF/s"
    printf "\n"
    for (i = 0; i < n; i++) {
      split(order[i], k, SUBSEP); j = gf["jtorch", k[1], k[2]]; p = gf["numpy", k[1], k[2]]
      printf "%-20s | %7s | %11.1f | %10.1f | %6.2f", k[1], k[2], j, p, (p > 0 ? j / p : 0)
      if (torch == 1) printf " | %10.1f", gf["torch", k[1], k[2]]
      printf "\n"
    }
  }' "$out/all"
