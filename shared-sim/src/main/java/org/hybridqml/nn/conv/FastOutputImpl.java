package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.layer.LayerArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Runtime side of {@link FastOutput}: softmax over z = xW + b and multi-class cross-entropy, as DL4J's
 * {@code LossMCXENT} defines them (probabilities clipped to [ε, 1 − ε] before the log and in the gradient
 * p − y; the score is the mean over the minibatch plus the network's regularisation term), computed in Java.
 * Label masks are not supported.
 */
public class FastOutputImpl extends org.deeplearning4j.nn.layers.OutputLayer {

    /**
     * @param conf     configuration holding a {@link FastOutput}
     * @param dataType network data type
     */
    public FastOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private FastOutput fastConf() {
        return (FastOutput) conf().getLayer();
    }

    private int out() {
        return (int) layerConf().getNOut();
    }

    /** Softmax of each row of z, in place (max subtracted first, sums in ascending order). */
    private static void softmax(double[] z, int n, int out) {
        for (int r = 0; r < n; r++) {
            int o0 = r * out;
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < out; o++) {
                max = Math.max(max, z[o0 + o]);
            }
            double sum = 0;
            for (int o = 0; o < out; o++) {
                z[o0 + o] = StrictMath.exp(z[o0 + o] - max);
                sum += z[o0 + o];
            }
            for (int o = 0; o < out; o++) {
                z[o0 + o] /= sum;
            }
        }
    }

    private double clip(double p) {
        double eps = fastConf().softmaxClipEps();
        return eps > 0 ? Math.min(Math.max(p, eps), 1 - eps) : p;
    }

    private double[] probabilities(int[] rows) {
        double[] p = FastDenseImpl.preActivation(LayerArrays.doubles(input), rows, params, out());
        softmax(p, rows[0], out());
        return p;
    }

    private int[] rows() {
        return FastDenseImpl.rows(input, layerConf().getNIn(), layerId());
    }

    private double[] labels2d(int n) {
        if (labels == null) {
            throw new IllegalStateException("Layer " + layerId() + ": labels are not set");
        }
        if (maskArray != null) {
            throw new IllegalStateException("Layer " + layerId() + ": label masks are not supported by the fast "
                    + "output layer; use ConvEngine.DL4J");
        }
        if (labels.rank() != 2 || labels.size(0) != n || labels.size(1) != out()) {
            throw new IllegalStateException("Layer " + layerId() + " expects labels of shape [" + n + ", " + out()
                    + "], got " + Arrays.toString(labels.shape()));
        }
        return LayerArrays.doubles(labels);
    }

    /** Cross-entropy of each example: −Σ_o y·log(clip(p)). */
    private double[] exampleScores(int[] rows) {
        int n = rows[0];
        int out = out();
        double[] p = probabilities(rows);
        double[] y = labels2d(n);
        double[] scores = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int o = r * out; o < (r + 1) * out; o++) {
                s -= y[o] * StrictMath.log(clip(p[o]));
            }
            scores[r] = s;
        }
        return scores;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int[] rows = rows();
        double[] z = FastDenseImpl.preActivation(LayerArrays.doubles(input), rows, params, out());
        return LayerArrays.create(z, new long[]{rows[0], out()}, dataType, ArrayType.FF_WORKING_MEM, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        int[] rows = rows();
        return LayerArrays.create(probabilities(rows), new long[]{rows[0], out()}, dataType,
                ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        double[] scores = exampleScores(rows());
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        if (conf().isMiniBatch()) {
            sum /= scores.length;
        }
        score = sum + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            throw new IllegalStateException("Cannot calculate score without input and labels " + layerId());
        }
        double[] scores = exampleScores(rows());
        for (int r = 0; r < scores.length; r++) {
            scores[r] += fullNetRegTerm;
        }
        return LayerArrays.create(scores, new long[]{scores.length, 1}, dataType, ArrayType.ACTIVATIONS,
                workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        int[] rows = rows();
        double[] delta = probabilities(rows);
        double[] y = labels2d(rows[0]);
        for (int i = 0; i < delta.length; i++) {
            delta[i] = clip(delta[i]) - y[i];
        }
        Gradient g = new DefaultGradient();
        double[] gX = FastDenseImpl.backward(LayerArrays.doubles(input), rows, FastDenseImpl.weights(params),
                gradientViews, out(), delta, g);
        INDArray epsOut = LayerArrays.create(gX, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        return new Pair<>(g, backpropDropOutIfPresent(epsOut));
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> pair = backpropGradient(null, workspaceMgr);
        gradient = pair.getFirst();
        computeScore(0, true, workspaceMgr);
    }
}
