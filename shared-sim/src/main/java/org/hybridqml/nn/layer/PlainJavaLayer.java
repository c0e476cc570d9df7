package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a DL4J layer whose forward and backward passes are plain Java over {@code double[]}
 * (DL4J's classic custom-layer recipe, not SameDiff: a SameDiff layer takes its backward pass from autodiff over
 * SameDiff ops, which Java code cannot join without a native custom op). Subclasses (the QuFeX layer, test layers)
 * implement {@link #forward} and {@link #backward} on NCHW data in row-major order and say how many trainable scalars
 * they have; DL4J sees an ordinary layer with one parameter vector {@code "theta"} of shape [1, numParams], so the
 * global updater, serialization and {@code GradientCheckUtil} apply unchanged.
 *
 * <p>Input and output are CNN activations in NCHW format; the spatial size is kept, the channel count may change
 * ({@link #outputChannels}). The computation is done in double precision whatever the network's data type.
 *
 * <p>Subclasses need a public no-argument constructor (Jackson) and should keep their options in non-final fields.
 */
public abstract class PlainJavaLayer extends BaseLayer {

    /** Prediction-time setting of layers with a noisy inference path (not in the JSON configuration). */
    private transient PredictionNoise predictionNoise;

    /** Input channels, set by DL4J from the input type. */
    protected long nIn;

    /** For Jackson and subclasses. */
    protected PlainJavaLayer() {
    }

    /**
     * For subclasses with a DL4J-style builder (layer name, updater, constraints).
     *
     * @param builder the builder holding the common layer options
     */
    protected PlainJavaLayer(BaseLayer.Builder<?> builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** @return number of trainable scalars (may be 0) */
    public abstract int numParams();

    /**
     * @param inputChannels channels of the input
     * @return channels of the output (default: the same)
     */
    public long outputChannels(long inputChannels) {
        return inputChannels;
    }

    /**
     * Fills the initial parameter values; default: all zero. Called once when the network is initialised.
     *
     * @param params array of length {@link #numParams()} to fill
     * @param random a generator seeded from the network seed
     */
    public void initParams(double[] params, java.util.Random random) {
    }

    /**
     * The layer's quantum circuits with the given parameters bound, for showing a trained network
     * ({@link NetworkCircuits}); default: none (a classical layer).
     *
     * @param params the layer's trained parameters, {@link #numParams()} of them
     * @return the circuits in the order the layer runs them
     */
    public List<TrainedCircuit> trainedCircuits(double[] params) {
        return List.of();
    }

    /**
     * How many circuit input sites one image has for an input of the given size: the places at which the layer runs
     * its circuits (QuFeX patches, pointwise pixels); default 0 (a classical layer).
     *
     * @param channels input channels
     * @param height   input height
     * @param width    input width
     * @return sites per image
     */
    public int circuitSites(int channels, int height, int width) {
        return 0;
    }

    /**
     * The circuit inputs at one site of one image: the values {@link #trainedCircuits} are simulated on there in
     * {@link #forward}, so binding them ({@code org.hybridqml.qnn.BoundCircuit}) gives the layer's circuit outputs at
     * that site. Default: unsupported (a layer without circuits).
     *
     * @param shape {1, c, h, w} of the input
     * @param input one image's input, CHW row-major
     * @param site  the site, 0 ≤ site &lt; {@link #circuitSites}
     * @return the circuit inputs
     * @throws IllegalArgumentException when the site is out of range (the message names the range)
     */
    public double[] circuitInputs(int[] shape, double[] input, int site) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no circuit inputs");
    }

    /**
     * Forward pass.
     *
     * @param shape  {n, c, h, w} of the input
     * @param input  input, NCHW row-major, length n·c·h·w
     * @param params trainable parameters
     * @param output output to fill, NCHW row-major, length n·outputChannels(c)·h·w
     */
    public abstract void forward(int[] shape, double[] input, double[] params, double[] output);

    /**
     * Forward pass knowing whether it is part of a training step; what the network calls. Training passes, and
     * inference without a prediction-time setting ({@link #predictionNoise(PredictionNoise)}, exact), run
     * {@link #forward(int[], double[], double[], double[])}; other inference passes run {@link #noisyForward}.
     *
     * @param shape    {n, c, h, w} of the input
     * @param input    input, NCHW row-major
     * @param params   trainable parameters
     * @param output   output to fill
     * @param training whether the pass is part of a training step (then always exact)
     */
    public final void forward(int[] shape, double[] input, double[] params, double[] output, boolean training) {
        PredictionNoise noise = training || predictionNoise == null || predictionNoise.isExact() ? null
                : predictionNoise;
        if (noise == null) {
            forward(shape, input, params, output);
        } else {
            noisyForward(shape, input, params, output, noise);
        }
    }

    /**
     * Inference forward pass with finite shots and/or noise; called only for layers whose
     * {@link #hasNoisyInference()} is true, which override it.
     *
     * @param shape  {n, c, h, w} of the input
     * @param input  input, NCHW row-major
     * @param params trainable parameters
     * @param output output to fill
     * @param noise  the prediction-time setting (not exact)
     */
    protected void noisyForward(int[] shape, double[] input, double[] params, double[] output,
                                PredictionNoise noise) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no noisy inference path");
    }

    /**
     * Sets how inference evaluates this layer's circuits (finite shots, noise); training stays exact. Not part of
     * the layer's JSON configuration: set it again on a network restored from bytes. Layers without such a path
     * ({@link #hasNoisyInference()} false) ignore it.
     *
     * @param noise the setting, not null
     * @return whether this layer uses it
     */
    public boolean predictionNoise(PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        if (!hasNoisyInference()) {
            return false;
        }
        predictionNoise = noise;
        return true;
    }

    /** @return whether this layer has an inference path with shots and noise (false by default) */
    protected boolean hasNoisyInference() {
        return false;
    }

    /**
     * Backward pass: given dL/dOutput, computes dL/dInput and dL/dParams (both arrays are zeroed by the caller
     * and must be filled, not accumulated across calls).
     *
     * @param shape      {n, c, h, w} of the input
     * @param input      the input of the matching forward pass
     * @param params     trainable parameters
     * @param gradOutput dL/dOutput, same layout as the output
     * @param gradInput  dL/dInput to fill, same layout as the input
     * @param gradParams dL/dParams to fill, summed over the mini-batch
     */
    public abstract void backward(int[] shape, double[] input, double[] params, double[] gradOutput,
                                  double[] gradInput, double[] gradParams);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        PlainJavaLayerImpl layer = new PlainJavaLayerImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        if (numParams() > 0) {
            layer.setParamsViewArray(layerParamsView);
        }
        Map<String, INDArray> table = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return PlainJavaParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional c = convolutionalInput(inputType);
        return InputType.convolutional(c.getHeight(), c.getWidth(), outputChannels(c.getChannels()),
                c.getFormat());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional c = convolutionalInput(inputType);
        if (nIn <= 0 || override) {
            nIn = c.getChannels();
        }
    }

    /**
     * @param inputType the layer's input type
     * @return it as a convolutional type
     * @throws IllegalArgumentException unless it is convolutional in NCHW format
     */
    protected InputType.InputTypeConvolutional convolutionalInput(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("Layer " + getLayerName() + " (" + getClass().getSimpleName()
                    + ") needs convolutional (NCHW) input, got " + inputType);
        }
        if (c.getFormat() != org.deeplearning4j.nn.conf.CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("Layer " + getLayerName() + " (" + getClass().getSimpleName()
                    + ") supports only the NCHW data format, got " + c.getFormat());
        }
        return c;
    }

    /** @return input channels as set by DL4J */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn input channels (for JSON deserialization) */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(numParams(), 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }
}
