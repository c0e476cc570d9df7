package org.hybridqml.qnn.qufex;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The QuFeX bottleneck of Qu-Net as plain arrays (no DL4J): splits the C feature maps into groups of m, cuts every
 * group into non-overlapping ph×pw patches, runs one n-qubit circuit per patch (n = ph·pw·m; the patch flattened in
 * (row, column, map) order, map fastest, like {@code tf.image.extract_patches}), writes the n expectation values back
 * to the patch's place, and adds the input (residual): {@code out_f = x + Q_f(x)} for each filter f, concatenated
 * along channels (filter 1 first). All patches, groups and images share the filter's 4 parameters, so one
 * simulator call per filter evaluates a whole mini-batch (Jain &amp; Kalev, arXiv:2501.13165, Sec. II.B; authors' code
 * {@code Jain-Naman/QuNet-Ph2/models/qunet_*.py}).
 *
 * <p>Tensors are NCHW, flattened row-major: index ((b·C + c)·H + h)·W + w.
 */
public final class QuFeXFeatureExtractor {

    private final QuFeXConfig config;
    private final Circuit[] circuits;
    private final StatevectorSimulator simulator;

    /**
     * @param config    the configuration
     * @param simulator the simulator that runs the circuits
     */
    public QuFeXFeatureExtractor(QuFeXConfig config, StatevectorSimulator simulator) {
        this.config = config;
        this.simulator = simulator;
        int n = config.qubits();
        this.circuits = config.filters() == 1 ? new Circuit[]{QuFeXCircuits.pqc1(n)}
                : new Circuit[]{QuFeXCircuits.pqc1(n), QuFeXCircuits.pqc2(n)};
    }

    /** @return the configuration */
    public QuFeXConfig config() {
        return config;
    }

    /**
     * The filters' circuits with their parameters, named {@code "QuFeX filter 1 (PQC1)"} and, with two filters,
     * {@code "QuFeX filter 2 (PQC2)"}; filter f (from 1) gets parameters 4(f−1) … 4(f−1)+3.
     *
     * @param params 4·filters circuit parameters, e.g. the trained parameters of the network layer
     * @return one trained circuit per filter
     * @throws IllegalArgumentException on a wrong parameter count
     */
    public List<TrainedCircuit> trainedCircuits(double[] params) {
        if (params.length != config.numParameters()) {
            throw new IllegalArgumentException("QuFeX " + config.name() + " has " + config.numParameters()
                    + " parameters, got " + params.length);
        }
        List<TrainedCircuit> out = new ArrayList<>(circuits.length);
        for (int f = 0; f < circuits.length; f++) {
            out.add(new TrainedCircuit("QuFeX filter " + (f + 1) + " (PQC" + (f + 1) + ")", circuits[f],
                    Arrays.copyOfRange(params, 4 * f, 4 * f + 4)));
        }
        return List.copyOf(out);
    }

    /**
     * Forward pass.
     *
     * @param x      input, NCHW, length batch·channels·height·width
     * @param batch  images
     * @param c      channels
     * @param h      height
     * @param w      width
     * @param params 4·filters circuit parameters (filter f uses params[4f..4f+3])
     * @return output, NCHW with filters·c channels
     */
    public double[] forward(double[] x, int batch, int c, int h, int w, double[] params) {
        return forward(x, batch, c, h, w, params, PredictionNoise.exact());
    }

    /**
     * Forward pass for inference with finite shots and/or noise: each patch's expectation values come from
     * {@link PredictionNoise#expectations} (the exact setting gives {@link #forward(double[], int, int, int, int,
     * double[])} bit for bit).
     *
     * @param x      input, NCHW, length batch·channels·height·width
     * @param batch  images
     * @param c      channels
     * @param h      height
     * @param w      width
     * @param params 4·filters circuit parameters (filter f uses params[4f..4f+3])
     * @param noise  the prediction-time setting
     * @return output, NCHW with filters·c channels
     */
    public double[] forward(double[] x, int batch, int c, int h, int w, double[] params, PredictionNoise noise) {
        check(x, batch, c, h, w, params);
        double[][] rows = patchRows(x, batch, c, h, w);
        int plane = h * w;
        int outC = config.outputChannels(c);
        double[] out = new double[batch * outC * plane];
        for (int f = 0; f < circuits.length; f++) {
            double[][] q = noise.expectations(circuits[f], Arrays.copyOfRange(params, 4 * f, 4 * f + 4), rows, simulator);
            int ff = f;
            forEachPatchValue(batch, c, h, w, (row, k, b, ch, hh, ww) -> {
                int in = ((b * c + ch) * h + hh) * w + ww;
                out[((b * outC + ff * c + ch) * h + hh) * w + ww] = x[in] + q[row][k];
            });
        }
        return out;
    }

    /**
     * Backward pass: input and parameter gradients for an upstream gradient of the output.
     *
     * @param x       the input of the forward pass
     * @param batch   images
     * @param c       channels
     * @param h       height
     * @param w       width
     * @param params  circuit parameters
     * @param gradOut dL/d(output), NCHW with filters·c channels
     * @return {dL/dx (NCHW, c channels), dL/dparams (4·filters)}
     */
    public double[][] backward(double[] x, int batch, int c, int h, int w, double[] params, double[] gradOut) {
        check(x, batch, c, h, w, params);
        int plane = h * w;
        int outC = config.outputChannels(c);
        if (gradOut.length != batch * outC * plane) {
            throw new IllegalArgumentException("QuFeX backward: upstream gradient has " + gradOut.length
                    + " values, expected " + batch + "x" + outC + "x" + h + "x" + w);
        }
        double[][] rows = patchRows(x, batch, c, h, w);
        double[] dx = new double[x.length];
        double[] dParams = new double[params.length];
        int n = config.qubits();
        for (int f = 0; f < circuits.length; f++) {
            int ff = f;
            double[][] up = new double[rows.length][n];
            forEachPatchValue(batch, c, h, w, (row, k, b, ch, hh, ww) ->
                    up[row][k] = gradOut[((b * outC + ff * c + ch) * h + hh) * w + ww]);
            ValueAndGradient vg = simulator.valueAndGradient(circuits[f], Arrays.copyOfRange(params, 4 * f, 4 * f + 4),
                    rows, up);
            System.arraycopy(vg.parameterGradient(), 0, dParams, 4 * f, 4);
            double[][] gin = vg.inputGradient();
            forEachPatchValue(batch, c, h, w, (row, k, b, ch, hh, ww) -> {
                int in = ((b * c + ch) * h + hh) * w + ww;
                // residual path plus the circuit's input gradient
                dx[in] += up[row][k] + gin[row][k];
            });
        }
        return new double[][]{dx, dParams};
    }

    private void check(double[] x, int batch, int c, int h, int w, double[] params) {
        config.checkFits(c, h, w);
        if (x.length != batch * c * h * w) {
            throw new IllegalArgumentException("QuFeX input has " + x.length + " values, expected " + batch + "x" + c
                    + "x" + h + "x" + w);
        }
        if (params.length != config.numParameters()) {
            throw new IllegalArgumentException("QuFeX " + config.name() + " has " + config.numParameters()
                    + " parameters, got " + params.length);
        }
    }

    /**
     * The number of patches (circuit runs per filter) of one image: groups · patch rows · patch columns.
     *
     * @param c channels
     * @param h height
     * @param w width
     * @return patches per image
     * @throws IllegalArgumentException if the configuration cannot tile c maps of h×w
     */
    public int patchesPerImage(int c, int h, int w) {
        config.checkFits(c, h, w);
        return c / config.mapsPerGroup() * (h / config.patchHeight()) * (w / config.patchWidth());
    }

    /**
     * The circuit inputs of one patch of one image: the values the forward pass feeds every filter's circuit for it,
     * in (row, column, map) order. Patches are numbered as the forward pass runs them: group by group, in each
     * group patch row by patch row, in each row patch column by patch column.
     *
     * @param x     one image, CHW, length c·h·w
     * @param c     channels
     * @param h     height
     * @param w     width
     * @param patch the patch, 0 ≤ patch &lt; {@link #patchesPerImage}
     * @return the {@link QuFeXConfig#qubits()} circuit inputs
     * @throws IllegalArgumentException on a wrong length or a patch out of range (the range named)
     */
    public double[] patchInputs(double[] x, int c, int h, int w, int patch) {
        int patches = patchesPerImage(c, h, w);
        if (x.length != c * h * w) {
            throw new IllegalArgumentException("QuFeX input has " + x.length + " values, expected one image of " + c
                    + "x" + h + "x" + w);
        }
        if (patch < 0 || patch >= patches) {
            throw new IllegalArgumentException("patch index " + patch + " is out of range: the QuFeX " + config.name()
                    + " bottleneck cuts a " + c + "x" + h + "x" + w + " input into " + patches
                    + " patches (valid 0.." + (patches - 1) + ")");
        }
        return patchRows(x, 1, c, h, w)[patch];
    }

    /** One circuit input row per (image, group, patch row, patch column), values in (row, col, map) order. */
    private double[][] patchRows(double[] x, int batch, int c, int h, int w) {
        int groups = c / config.mapsPerGroup();
        int patchRows = h / config.patchHeight();
        int patchCols = w / config.patchWidth();
        double[][] rows = new double[batch * groups * patchRows * patchCols][config.qubits()];
        forEachPatchValue(batch, c, h, w, (row, k, b, ch, hh, ww) -> rows[row][k] = x[((b * c + ch) * h + hh) * w + ww]);
        return rows;
    }

    @FunctionalInterface
    private interface PatchVisitor {
        void visit(int row, int k, int b, int channel, int y, int x);
    }

    private void forEachPatchValue(int batch, int c, int h, int w, PatchVisitor v) {
        int m = config.mapsPerGroup();
        int ph = config.patchHeight();
        int pw = config.patchWidth();
        int groups = c / m;
        int patchRows = h / ph;
        int patchCols = w / pw;
        int row = 0;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                for (int pr = 0; pr < patchRows; pr++) {
                    for (int pc = 0; pc < patchCols; pc++) {
                        for (int r = 0; r < ph; r++) {
                            for (int col = 0; col < pw; col++) {
                                for (int ch = 0; ch < m; ch++) {
                                    int k = (r * pw + col) * m + ch;
                                    v.visit(row, k, b, g * m + ch, pr * ph + r, pc * pw + col);
                                }
                            }
                        }
                        row++;
                    }
                }
            }
        }
    }
}
