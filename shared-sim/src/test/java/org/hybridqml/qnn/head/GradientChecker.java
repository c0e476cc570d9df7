package org.hybridqml.qnn.head;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences against analytic gradients, for tests. The objective of a head is
 * f = Σ_b Σ_k r[b][k] · logit[b][k] for a fixed random r, whose gradient is exactly what
 * {@link ClassifierHead#backward} returns for dL/dlogits = r.
 */
final class GradientChecker {

    /** Step of the central differences. */
    static final double H = 1e-5;

    /** Tolerance on {@link #relativeError}. */
    static final double TOLERANCE = 1e-6;

    private GradientChecker() {
    }

    /**
     * The worst component of a comparison.
     *
     * @param index worst index
     * @param error its relative error
     */
    record Result(int index, double error) {
        boolean ok() {
            return error <= TOLERANCE;
        }
    }

    /** |a − n| / max(|a|, |n|, 1e-2): relative for ordinary gradients, absolute-like for tiny ones. */
    static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(1e-2, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    static Result compare(double[] analytic, double[] numeric) {
        if (analytic.length != numeric.length) {
            throw new IllegalArgumentException("length " + analytic.length + " vs " + numeric.length);
        }
        int worst = -1;
        double err = 0;
        for (int i = 0; i < analytic.length; i++) {
            double e = relativeError(analytic[i], numeric[i]);
            if (!(e <= err)) {          // NaN counts as worst
                err = e;
                worst = i;
            }
        }
        return new Result(worst, err);
    }

    static double objective(ClassifierHead head, double[][] x, double[][] r) {
        double[][] z = head.logits(x);
        double s = 0;
        for (int b = 0; b < z.length; b++) {
            for (int k = 0; k < z[b].length; k++) {
                s += r[b][k] * z[b][k];
            }
        }
        return s;
    }

    static double[] numeric(double[] v, ToDoubleFunction<double[]> f) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double old = v[i];
            v[i] = old + H;
            double plus = f.applyAsDouble(v);
            v[i] = old - H;
            double minus = f.applyAsDouble(v);
            v[i] = old;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    /** Numeric dF/dθ over every parameter of the head (modified in place and restored). */
    static double[] numericParameterGradient(ClassifierHead head, double[][] x, double[][] r) {
        return numeric(head.parameters(), p -> objective(head, x, r));
    }

    /** Numeric dF/dx over every feature of every sample, flattened row-major. */
    static double[] numericFeatureGradient(ClassifierHead head, double[][] x, double[][] r) {
        int f = x[0].length;
        double[] flat = flatten(x);
        return numeric(flat, v -> objective(head, unflatten(v, f), r));
    }

    static double[] flatten(double[][] m) {
        int w = m[0].length;
        double[] out = new double[m.length * w];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * w, w);
        }
        return out;
    }

    static double[][] unflatten(double[] v, int w) {
        double[][] m = new double[v.length / w][w];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(v, i * w, m[i], 0, w);
        }
        return m;
    }
}
