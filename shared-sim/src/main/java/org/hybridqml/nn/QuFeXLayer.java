package org.hybridqml.nn;

import org.hybridqml.nn.layer.PlainJavaLayer;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.hybridqml.qnn.qufex.QuFeXFeatureExtractor;
import org.hybridqml.sim.StatevectorSimulator;

import java.util.List;

/**
 * The QuFeX bottleneck of Qu-Net as a DL4J layer (Jain &amp; Kalev, arXiv:2501.13165): NCHW input with C channels,
 * output with filters·C channels — for each filter, the input plus the QuFeX circuit's expectation values written
 * back patch by patch ({@link QuFeXFeatureExtractor}). Forward and backward run on the shared simulator (adjoint
 * gradients, Jones &amp; Gacon, arXiv:2009.02823, for the 4 circuit parameters per filter and for every input value).
 *
 * <p>Parameters start uniform in [0, 2π), PennyLane's {@code KerasLayer} default that the authors' code relies on.
 * Options are plain fields so DL4J's JSON configuration round trip keeps them.
 */
public class QuFeXLayer extends PlainJavaLayer {

    private int patchHeight = 2;
    private int patchWidth = 2;
    private int mapsPerGroup = 1;
    private int filters = 1;
    private transient QuFeXFeatureExtractor extractor;

    /** For Jackson. */
    public QuFeXLayer() {
    }

    /**
     * @param config the QuFeX configuration
     */
    public QuFeXLayer(QuFeXConfig config) {
        this.patchHeight = config.patchHeight();
        this.patchWidth = config.patchWidth();
        this.mapsPerGroup = config.mapsPerGroup();
        this.filters = config.filters();
    }

    /** @return the configuration */
    public QuFeXConfig config() {
        return new QuFeXConfig(patchHeight, patchWidth, mapsPerGroup, filters);
    }

    private QuFeXFeatureExtractor extractor() {
        if (extractor == null) {
            extractor = new QuFeXFeatureExtractor(config(), new StatevectorSimulator());
        }
        return extractor;
    }

    @Override
    public int numParams() {
        return 4 * filters;
    }

    @Override
    public long outputChannels(long inputChannels) {
        return filters * inputChannels;
    }

    @Override
    public void initParams(double[] params, java.util.Random random) {
        for (int i = 0; i < params.length; i++) {
            params[i] = 2 * Math.PI * random.nextDouble();
        }
    }

    /** The filters' circuits, {@code "QuFeX filter f (PQCf)"}, each with its 4 parameters. */
    @Override
    public List<TrainedCircuit> trainedCircuits(double[] params) {
        return extractor().trainedCircuits(params);
    }

    /** @return the patches of one image (groups · patch rows · patch columns) */
    @Override
    public int circuitSites(int channels, int height, int width) {
        return extractor().patchesPerImage(channels, height, width);
    }

    /** @return the values of one patch, {@link QuFeXFeatureExtractor#patchInputs}; every filter gets them */
    @Override
    public double[] circuitInputs(int[] shape, double[] input, int site) {
        return extractor().patchInputs(input, shape[1], shape[2], shape[3], site);
    }

    @Override
    public void forward(int[] shape, double[] input, double[] params, double[] output) {
        double[] out = extractor().forward(input, shape[0], shape[1], shape[2], shape[3], params);
        System.arraycopy(out, 0, output, 0, out.length);
    }

    /** Inference with the prediction-time setting: each patch's circuits through {@link PredictionNoise}. */
    @Override
    protected void noisyForward(int[] shape, double[] input, double[] params, double[] output,
                                PredictionNoise noise) {
        double[] out = extractor().forward(input, shape[0], shape[1], shape[2], shape[3], params, noise);
        System.arraycopy(out, 0, output, 0, out.length);
    }

    /** @return true: inference can evaluate the circuits with shots and noise */
    @Override
    protected boolean hasNoisyInference() {
        return true;
    }

    @Override
    public void backward(int[] shape, double[] input, double[] params, double[] gradOutput, double[] gradInput,
                         double[] gradParams) {
        double[][] g = extractor().backward(input, shape[0], shape[1], shape[2], shape[3], params, gradOutput);
        System.arraycopy(g[0], 0, gradInput, 0, g[0].length);
        System.arraycopy(g[1], 0, gradParams, 0, g[1].length);
    }

    /** @return patch rows */
    public int getPatchHeight() {
        return patchHeight;
    }

    /** @param v patch rows */
    public void setPatchHeight(int v) {
        this.patchHeight = v;
    }

    /** @return patch columns */
    public int getPatchWidth() {
        return patchWidth;
    }

    /** @param v patch columns */
    public void setPatchWidth(int v) {
        this.patchWidth = v;
    }

    /** @return maps per group */
    public int getMapsPerGroup() {
        return mapsPerGroup;
    }

    /** @param v maps per group */
    public void setMapsPerGroup(int v) {
        this.mapsPerGroup = v;
    }

    /** @return number of filters (1 or 2) */
    public int getFilters() {
        return filters;
    }

    /** @param v number of filters */
    public void setFilters(int v) {
        this.filters = v;
    }
}
