package org.hybridqml.sim;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * SIMD versions of the hot {@link Kernels} loops, written with the JDK's incubating Vector API
 * ({@code jdk.incubator.vector}). HotSpot's C2 does not vectorise the scalar pair loops (the two amplitudes of a pair
 * sit in one array at an offset it cannot prove independent), so the scalar kernels are compute-bound; these move a
 * whole vector of pairs per instruction.
 *
 * <p>Loaded only when the JVM was started with {@code --add-modules jdk.incubator.vector} (see
 * {@link Kernels#vectorAvailable()}); every range must start and end on a multiple of {@link #LANES}.
 *
 * <p>Gates on a bit at or above {@link #LANE_BITS} pair whole vectors {@code 2^bit} apart. Gates on a lower bit pair
 * lanes inside one vector: each lane takes its partner ({@code lane ^ 2^bit}) by a lane shuffle, and per-lane
 * coefficient vectors hold the matrix entries that lane needs (its own amplitude's, then its partner's: no blends).
 * Every lane computes the scalar kernel's expression with the same products added in the same order (the scalar
 * complex kernel writes the upper amplitude's row starting from its own term for this reason), so the apply kernels
 * give bitwise the scalar results; only {@link #realGeneratorDot} sums in a different order.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    static final int LANES = SPECIES.length();
    /** log2 of {@link #LANES}: gates on bits below this pair lanes inside one vector. */
    static final int LANE_BITS = Integer.numberOfTrailingZeros(LANES);

    /** PARTNER[b]: lane ℓ takes lane ℓ ^ 2^b. */
    private static final VectorShuffle<Double>[] PARTNER = partnerShuffles();
    /** UPPER[b]: the lanes whose bit b is 1 (the upper amplitude of their pair). */
    private static final VectorMask<Double>[] UPPER = upperMasks();

    static {
        warmUpComplexAcross();
    }

    private VectorKernels() {
    }

    /**
     * Runs the complex cross-vector kernel 400 times over a small state when this class loads (the first circuit
     * above 12 qubits in a JVM with the Vector API), so that C2 compiles it with whole-state loops in its profile.
     * Compiled first from the engine's tile and block passes, the kernel ran 3–8× slower for the rest of the JVM's
     * life in 5 of 14 benchmark runs; after this warm-up, in none of 12. Doing it lazily, at the first complex gate,
     * did not help (2 of 3 runs slow).
     */
    private static void warmUpComplexAcross() {
        int len = 1 << 14;
        double[] re = new double[len];
        double[] im = new double[len];
        Arrays.fill(re, 0.25);
        double c = Math.cos(0.1), s = Math.sin(0.1);
        double[] rotation = {c, 0, -s, 0, s, 0, c, 0}; // unitary, so the warm-up state keeps its scale
        for (int k = 0; k < 400; k++) {
            complexAcross(re, im, len / 2, rotation, 0, 0, len);
        }
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] partnerShuffles() {
        VectorShuffle<Double>[] out = new VectorShuffle[LANE_BITS];
        for (int b = 0; b < LANE_BITS; b++) {
            int bit = 1 << b;
            out[b] = VectorShuffle.fromOp(SPECIES, lane -> lane ^ bit);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Double>[] upperMasks() {
        VectorMask<Double>[] out = new VectorMask[LANE_BITS];
        for (int b = 0; b < LANE_BITS; b++) {
            boolean[] bits = new boolean[LANES];
            for (int lane = 0; lane < LANES; lane++) {
                bits[lane] = ((lane >> b) & 1) == 1;
            }
            out[b] = VectorMask.fromArray(SPECIES, bits, 0);
        }
        return out;
    }

    /** A vector holding {@code lower} in the lanes whose bit b is 0 and {@code upper} in the others. */
    private static DoubleVector perLane(int b, double lower, double upper) {
        return DoubleVector.broadcast(SPECIES, lower).blend(upper, UPPER[b]);
    }

    // ---------------------------------------------------------------- real single-qubit
    // Each case is its own small method with one flat loop, so each is compiled on its own: C2 turns Vector API
    // calls into SIMD instructions only where it inlines them, and small methods keep that within its budgets.

    /** {@link Kernels#realApply1}: ψ ← M ψ on {@code bit}, real M = (a b; c d). */
    static void realApply1(double[] re, int bit, double[] m, int o, int start, int end) {
        final double a = m[o], b = m[o + 2], c = m[o + 4], d = m[o + 6];
        if (bit < LANE_BITS) {
            realInLane(re, bit, a, b, c, d, start, end);
        } else {
            realAcross(re, 1 << bit, a, b, c, d, start, end);
        }
    }

    private static void realInLane(double[] re, int bit, double a, double b, double c, double d, int start, int end) {
        final VectorShuffle<Double> partner = PARTNER[bit];
        final DoubleVector p = perLane(bit, a, d), q = perLane(bit, b, c);
        for (int i = start; i < end; i += LANES) {
            inLane(DoubleVector.fromArray(SPECIES, re, i), partner, p, q).intoArray(re, i);
        }
    }

    private static void realAcross(double[] re, int s, double a, double b, double c, double d, int start, int end) {
        final int mask = s / LANES - 1; // vector pairs: k-th pair with a zero inserted at the gate's bit
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            DoubleVector x = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector y = DoubleVector.fromArray(SPECIES, re, i + s);
            x.mul(a).add(y.mul(b)).intoArray(re, i);
            x.mul(c).add(y.mul(d)).intoArray(re, i + s);
        }
    }

    /**
     * {@link Kernels#realApply2}: ψ ← M2·M1·ψ with M1 on {@code bit1}, M2 on {@code bit2} (distinct bits), each
     * amplitude loaded and stored once.
     */
    static void realApply2(double[] re, int bit1, int bit2, double[] m, int o1, int o2, int start, int end) {
        final boolean in1 = bit1 < LANE_BITS, in2 = bit2 < LANE_BITS;
        if (in1 && in2) {
            realInLane2(re, bit1, bit2, m, o1, o2, start, end);
        } else if (in1) {
            realInLaneThenAcross(re, bit1, bit2, m, o1, o2, start, end);
        } else if (in2) {
            realAcrossThenInLane(re, bit1, bit2, m, o1, o2, start, end);
        } else {
            realAcross2(re, bit1, bit2, m, o1, o2, start, end);
        }
    }

    private static void realInLane2(double[] re, int bit1, int bit2, double[] m, int o1, int o2, int start,
                                    int end) {
        final VectorShuffle<Double> partner1 = PARTNER[bit1], partner2 = PARTNER[bit2];
        final DoubleVector p1 = perLane(bit1, m[o1], m[o1 + 6]), q1 = perLane(bit1, m[o1 + 2], m[o1 + 4]);
        final DoubleVector p2 = perLane(bit2, m[o2], m[o2 + 6]), q2 = perLane(bit2, m[o2 + 2], m[o2 + 4]);
        for (int i = start; i < end; i += LANES) {
            DoubleVector x = inLane(DoubleVector.fromArray(SPECIES, re, i), partner1, p1, q1);
            inLane(x, partner2, p2, q2).intoArray(re, i);
        }
    }

    /** M1 on a bit inside the vectors, then M2 between vectors 2^bit2 apart. */
    private static void realInLaneThenAcross(double[] re, int bit1, int bit2, double[] m, int o1, int o2,
                                             int start, int end) {
        final VectorShuffle<Double> partner = PARTNER[bit1];
        final DoubleVector p = perLane(bit1, m[o1], m[o1 + 6]), q = perLane(bit1, m[o1 + 2], m[o1 + 4]);
        final double a = m[o2], b = m[o2 + 2], c = m[o2 + 4], d = m[o2 + 6];
        final int s = 1 << bit2;
        final int mask = s / LANES - 1; // vector pairs: k-th pair with a zero inserted at the gate's bit
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            DoubleVector x = inLane(DoubleVector.fromArray(SPECIES, re, i), partner, p, q);
            DoubleVector y = inLane(DoubleVector.fromArray(SPECIES, re, i + s), partner, p, q);
            x.mul(a).add(y.mul(b)).intoArray(re, i);
            x.mul(c).add(y.mul(d)).intoArray(re, i + s);
        }
    }

    /** M1 between vectors 2^bit1 apart, then M2 on a bit inside the vectors. */
    private static void realAcrossThenInLane(double[] re, int bit1, int bit2, double[] m, int o1, int o2,
                                             int start, int end) {
        final VectorShuffle<Double> partner = PARTNER[bit2];
        final DoubleVector p = perLane(bit2, m[o2], m[o2 + 6]), q = perLane(bit2, m[o2 + 2], m[o2 + 4]);
        final double a = m[o1], b = m[o1 + 2], c = m[o1 + 4], d = m[o1 + 6];
        final int s = 1 << bit1;
        final int mask = s / LANES - 1; // vector pairs: k-th pair with a zero inserted at the gate's bit
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            DoubleVector x = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector y = DoubleVector.fromArray(SPECIES, re, i + s);
            inLane(x.mul(a).add(y.mul(b)), partner, p, q).intoArray(re, i);
            inLane(x.mul(c).add(y.mul(d)), partner, p, q).intoArray(re, i + s);
        }
    }

    /** Both bits at or above LANE_BITS: quadruples of whole vectors. */
    private static void realAcross2(double[] re, int bit1, int bit2, double[] m, int o1, int o2, int start,
                                    int end) {
        final double a1 = m[o1], b1 = m[o1 + 2], c1 = m[o1 + 4], d1 = m[o1 + 6];
        final double a2 = m[o2], b2 = m[o2 + 2], c2 = m[o2 + 4], d2 = m[o2 + 6];
        final int s1 = 1 << bit1, s2 = 1 << bit2;
        final int slo = Math.min(s1, s2), shi = Math.max(s1, s2);
        // quadruples of vectors: the k-th with zeros inserted at both bits (in units of vectors)
        final int loMask = slo / LANES - 1, hiMask = shi / LANES - 1;
        for (int k = start / (4 * LANES), kEnd = end / (4 * LANES); k < kEnd; k++) {
            final int t = ((k & ~loMask) << 1) | (k & loMask);
            final int i = (((t & ~hiMask) << 1) | (t & hiMask)) * LANES;
            final int i1 = i + s1, i2 = i + s2, i12 = i1 + s2;
            DoubleVector x00 = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, re, i1);
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, re, i2);
            DoubleVector x12 = DoubleVector.fromArray(SPECIES, re, i12);
            DoubleVector u = x00.mul(a1).add(x1.mul(b1)), v = x00.mul(c1).add(x1.mul(d1));
            DoubleVector w = x2.mul(a1).add(x12.mul(b1)), z = x2.mul(c1).add(x12.mul(d1));
            u.mul(a2).add(w.mul(b2)).intoArray(re, i);
            u.mul(c2).add(w.mul(d2)).intoArray(re, i2);
            v.mul(a2).add(z.mul(b2)).intoArray(re, i1);
            v.mul(c2).add(z.mul(d2)).intoArray(re, i12);
        }
    }

    /** {@link Kernels#realGeneratorDot}: ½·Σ (λ1·φ0 − λ0·φ1) over the pairs of {@code bit}. */
    static double realGeneratorDot(double[] lr, double[] pr, int bit, int start, int end) {
        return bit < LANE_BITS ? generatorDotInLane(lr, pr, bit, start, end)
                : generatorDotAcross(lr, pr, 1 << bit, start, end);
    }

    private static double generatorDotInLane(double[] lr, double[] pr, int bit, int start, int end) {
        // lane ℓ adds λ_ℓ·φ_partner: + in the upper lanes (λ1·φ0), − in the lower ones (λ0·φ1)
        final VectorShuffle<Double> partner = PARTNER[bit];
        final DoubleVector sign = perLane(bit, -1.0, 1.0);
        DoubleVector g = DoubleVector.zero(SPECIES);
        for (int i = start; i < end; i += LANES) {
            DoubleVector l = DoubleVector.fromArray(SPECIES, lr, i);
            DoubleVector p = DoubleVector.fromArray(SPECIES, pr, i).rearrange(partner);
            g = g.add(l.mul(p).mul(sign));
        }
        return 0.5 * g.reduceLanes(VectorOperators.ADD);
    }

    private static double generatorDotAcross(double[] lr, double[] pr, int s, int start, int end) {
        // one flat loop over the vector pairs (k-th pair: insert a zero at the gate's bit of k·LANES); with the sums
        // carried through a nested loop over blocks and pairs instead, the 19-qubit DQC's backward pass took about
        // twice as long
        final int mask = s / LANES - 1;
        DoubleVector g = DoubleVector.zero(SPECIES), h = g;
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            g = g.add(DoubleVector.fromArray(SPECIES, lr, i + s).mul(DoubleVector.fromArray(SPECIES, pr, i)));
            h = h.add(DoubleVector.fromArray(SPECIES, lr, i).mul(DoubleVector.fromArray(SPECIES, pr, i + s)));
        }
        return 0.5 * (g.reduceLanes(VectorOperators.ADD) - h.reduceLanes(VectorOperators.ADD));
    }

    // ---------------------------------------------------------------- complex single-qubit

    /** {@link Kernels#apply1}: ψ ← M ψ on {@code bit}, general complex 2×2 (layout as in {@link Kernels}). */
    static void apply1(double[] re, double[] im, int bit, double[] m, int o, int start, int end) {
        if (bit < LANE_BITS) {
            complexInLane(re, im, bit, m, o, start, end);
        } else {
            complexAcross(re, im, 1 << bit, m, o, start, end);
        }
    }

    private static void complexInLane(double[] re, double[] im, int bit, double[] m, int o, int start, int end) {
        final VectorShuffle<Double> partner = PARTNER[bit];
        // lane ℓ: new = P·self + Q·partner, P = (a | d) and Q = (b | c) in lower | upper lanes, in the scalar
        // kernel's order: lower lanes ((a·x) + b·y), upper lanes ((d·y) + c·x), each complex product written out
        final DoubleVector p0 = perLane(bit, m[o], m[o + 6]), p1 = perLane(bit, m[o + 1], m[o + 7]);
        final DoubleVector q0 = perLane(bit, m[o + 2], m[o + 4]), q1 = perLane(bit, m[o + 3], m[o + 5]);
        for (int i = start; i < end; i += LANES) {
            DoubleVector vr = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector vi = DoubleVector.fromArray(SPECIES, im, i);
            DoubleVector wr = vr.rearrange(partner), wi = vi.rearrange(partner);
            vr.mul(p0).sub(vi.mul(p1)).add(wr.mul(q0)).sub(wi.mul(q1)).intoArray(re, i);
            vi.mul(p0).add(vr.mul(p1)).add(wi.mul(q0)).add(wr.mul(q1)).intoArray(im, i);
        }
    }

    private static void complexAcross(double[] re, double[] im, int s, double[] m, int o, int start, int end) {
        final double a0 = m[o], a1 = m[o + 1], b0 = m[o + 2], b1 = m[o + 3];
        final double c0 = m[o + 4], c1 = m[o + 5], d0 = m[o + 6], d1 = m[o + 7];
        final int mask = s / LANES - 1; // vector pairs: k-th pair with a zero inserted at the gate's bit
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            final int j = i + s;
            DoubleVector xr = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector xi = DoubleVector.fromArray(SPECIES, im, i);
            DoubleVector yr = DoubleVector.fromArray(SPECIES, re, j);
            DoubleVector yi = DoubleVector.fromArray(SPECIES, im, j);
            xr.mul(a0).sub(xi.mul(a1)).add(yr.mul(b0)).sub(yi.mul(b1)).intoArray(re, i);
            xi.mul(a0).add(xr.mul(a1)).add(yi.mul(b0)).add(yr.mul(b1)).intoArray(im, i);
            yr.mul(d0).sub(yi.mul(d1)).add(xr.mul(c0)).sub(xi.mul(c1)).intoArray(re, j);
            yi.mul(d0).add(yr.mul(d1)).add(xi.mul(c0)).add(xr.mul(c1)).intoArray(im, j);
        }
    }

    /** {@link Kernels#applyDiag}: ψ ← diag(m00, m11) ψ on {@code bit}. */
    static void applyDiag(double[] re, double[] im, int bit, double[] m, int o, int start, int end) {
        if (bit < LANE_BITS) {
            diagInLane(re, im, perLane(bit, m[o], m[o + 6]), perLane(bit, m[o + 1], m[o + 7]), start, end);
        } else {
            diagAcross(re, im, 1 << bit, m, o, start, end);
        }
    }

    private static void diagInLane(double[] re, double[] im, DoubleVector p0, DoubleVector p1, int start, int end) {
        for (int i = start; i < end; i += LANES) {
            DoubleVector xr = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector xi = DoubleVector.fromArray(SPECIES, im, i);
            xr.mul(p0).sub(xi.mul(p1)).intoArray(re, i);
            xi.mul(p0).add(xr.mul(p1)).intoArray(im, i);
        }
    }

    private static void diagAcross(double[] re, double[] im, int s, double[] m, int o, int start, int end) {
        final double a0 = m[o], a1 = m[o + 1], d0 = m[o + 6], d1 = m[o + 7];
        final int mask = s / LANES - 1; // vector pairs: k-th pair with a zero inserted at the gate's bit
        for (int k = start / (2 * LANES), kEnd = end / (2 * LANES); k < kEnd; k++) {
            final int i = (((k & ~mask) << 1) | (k & mask)) * LANES;
            final int j = i + s;
            DoubleVector xr = DoubleVector.fromArray(SPECIES, re, i);
            DoubleVector xi = DoubleVector.fromArray(SPECIES, im, i);
            DoubleVector yr = DoubleVector.fromArray(SPECIES, re, j);
            DoubleVector yi = DoubleVector.fromArray(SPECIES, im, j);
            xr.mul(a0).sub(xi.mul(a1)).intoArray(re, i);
            xi.mul(a0).add(xr.mul(a1)).intoArray(im, i);
            yr.mul(d0).sub(yi.mul(d1)).intoArray(re, j);
            yi.mul(d0).add(yr.mul(d1)).intoArray(im, j);
        }
    }

    /**
     * A real 2×2 gate on a bit below {@link #LANE_BITS}, inside one vector: lane ℓ becomes
     * {@code p_ℓ·self + q_ℓ·partner} with (p, q) = (a, b) in lower lanes and (d, c) in upper lanes — the scalar
     * kernel's a·x + b·y and c·x + d·y, whose two products it adds in the other order in upper lanes (the same
     * double: addition commutes exactly).
     */
    private static DoubleVector inLane(DoubleVector v, VectorShuffle<Double> partner, DoubleVector p, DoubleVector q) {
        return v.mul(p).add(v.rearrange(partner).mul(q));
    }
}
