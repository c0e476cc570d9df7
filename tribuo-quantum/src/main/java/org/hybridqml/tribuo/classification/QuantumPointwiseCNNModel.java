package org.hybridqml.tribuo.classification;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model of {@link QuantumPointwiseCNNTrainer}: a DL4J pointwise CNN predicting class probabilities. Java
 * serialization stores the network as its {@link ModelSerializer} bytes (no updater state).
 */
public final class QuantumPointwiseCNNModel extends Model<Label> {

    private static final long serialVersionUID = 1L;

    private final byte[] networkBytes;
    private final int width;
    private final int height;
    private final int channels;
    private final float inputScale;
    private transient MultiLayerNetwork network;

    QuantumPointwiseCNNModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                             ImmutableOutputInfo<Label> outputIDInfo, MultiLayerNetwork network,
                             int width, int height, int channels, float inputScale) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.network = network;
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.inputScale = inputScale;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.networkBytes = bytes.toByteArray();
    }

    private synchronized MultiLayerNetwork network() {
        if (network == null) {
            try {
                network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the network", e);
            }
        }
        return network;
    }

    /**
     * Reads an example's pixels densely: feature names are NCHW pixel indices (zero-padded decimal as
     * IDXDataSource writes them); absent features are 0.
     *
     * @throws IllegalArgumentException if a feature name is not a pixel index or lies outside the image
     */
    static float[] pixels(Example<Label> e, int len, int width, int height, int channels, float scale) {
        float[] x = new float[len];
        for (Feature f : e) {
            int idx;
            try {
                idx = Integer.parseInt(f.getName().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("feature '" + f.getName() + "' is not a pixel index");
            }
            if (idx < 0 || idx >= len) {
                throw new IllegalArgumentException("example has pixel feature " + f.getName() + " but the configured"
                        + " image size " + channels + "x" + height + "x" + width + " has only " + len + " pixels");
            }
            x[idx] = (float) f.getValue() * scale;
        }
        return x;
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        int len = width * height * channels;
        float[] px = pixels(example, len, width, height, channels, inputScale);
        INDArray in = Nd4j.create(px, new long[]{1, channels, height, width}, 'c').castTo(DataType.FLOAT);
        INDArray p;
        synchronized (this) {
            p = network().output(in, false);
        }
        Map<String, Label> scores = new LinkedHashMap<>();
        Label best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < outputIDInfo.size(); id++) {
            Label l = outputIDInfo.getOutput(id);
            double s = p.getDouble(0, id);
            scores.put(l.getLabel(), new Label(l.getLabel(), s));
            if (s > bestScore) {
                bestScore = s;
                best = new Label(l.getLabel(), s);
            }
        }
        return new Prediction<>(best, scores, example.size(), example, true);
    }

    @Override
    public Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String newName, ModelProvenance newProvenance) {
        return new QuantumPointwiseCNNModel(newName, newProvenance, featureIDMap, outputIDInfo, network().clone(),
                width, height, channels, inputScale);
    }
}
