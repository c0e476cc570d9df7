package org.hybridqml.nn.backbone;

import org.hybridqml.data.ImageTensor;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.TrainedHead;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Images → frozen backbone features → trained head (DQC or CDL) → label probabilities.
 *
 * <p><b>Serialization.</b> The pipeline is {@link Serializable}: the trained head (with its feature standardisation)
 * is stored in full, the backbone only <em>by reference</em> — the absolute path of its DL4J model file, the feature
 * layer, the batch size and the {@link ImagePreprocessor}. After deserialization the model file is loaded again on
 * first use (or by {@link #backbone()}), so it must still exist at that path with the same contents; a missing or
 * changed file fails then with an {@link UncheckedIOException} (or a feature-count mismatch). This keeps serialized
 * pipelines small (a ResNet-50 zip is ~100 MB) and avoids Java serialization of ND4J arrays.
 */
public final class BackbonePipeline implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Absolute path of the backbone's DL4J model zip. */
    private final String modelFile;
    /** The backbone's feature layer, null for its output. */
    private final String featureLayer;
    /** The backbone's inference batch size. */
    private final int batchSize;
    /** The backbone's image preprocessing. */
    private final ImagePreprocessor preprocessor;
    /** The trained head with its standardisation. */
    private final TrainedHead head;
    /** The loaded backbone; null after deserialization until first use. */
    private transient FrozenBackbone backbone;

    /**
     * Combines a backbone with a head trained on its features.
     *
     * @param backbone the backbone (its feature layer, batch size and preprocessing are kept)
     * @param head     a head trained on features from this backbone
     */
    public BackbonePipeline(FrozenBackbone backbone, TrainedHead head) {
        if (backbone == null || head == null) {
            throw new IllegalArgumentException("backbone and head must not be null");
        }
        this.backbone = backbone;
        this.modelFile = backbone.modelFile().toString();
        this.featureLayer = backbone.featureLayer();
        this.batchSize = backbone.batchSize();
        this.preprocessor = backbone.preprocessor();
        this.head = head;
    }

    /**
     * Extracts the backbone's features of labelled images and trains a head on them (multi-label, sigmoid BCE).
     *
     * @param backbone the backbone
     * @param head     an untrained head whose input width equals the backbone's feature count and whose outputs
     *                 equal the number of labels (copied by the trainer)
     * @param trainer  the trainer (recipe, seed)
     * @param images   training images
     * @param labels   [images][labels], 0/1
     * @return the pipeline
     */
    public static BackbonePipeline train(FrozenBackbone backbone, ClassifierHead head, HeadTrainer trainer,
                                         List<ImageTensor> images, int[][] labels) {
        if (backbone == null || head == null || trainer == null) {
            throw new IllegalArgumentException("backbone, head and trainer must not be null");
        }
        double[][] x = backbone.extract(images);
        checkWidth(x, head.numFeatures(), backbone);
        return new BackbonePipeline(backbone, trainer.fit(head, x, labels));
    }

    private static void checkWidth(double[][] x, int expected, FrozenBackbone b) {
        if (x.length > 0 && x[0].length != expected) {
            throw new IllegalArgumentException("The backbone gives " + x[0].length + " features per image (layer "
                    + (b.featureLayer() == null ? "output" : "'" + b.featureLayer() + "'") + "), the head was built for "
                    + expected);
        }
    }

    /** @return the trained head */
    public TrainedHead head() {
        return head;
    }

    /**
     * The backbone, loaded from its model file if this pipeline was deserialized.
     *
     * @return the backbone
     * @throws UncheckedIOException if the model file cannot be loaded
     */
    public synchronized FrozenBackbone backbone() {
        if (backbone == null) {
            try {
                backbone = FrozenBackbone.load(Paths.get(modelFile)).withFeatureLayer(featureLayer)
                        .withBatchSize(batchSize).withPreprocessor(preprocessor);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not reload the backbone of this pipeline: " + e.getMessage(), e);
            }
        }
        return backbone;
    }

    /** @return the model file the backbone is loaded from */
    public Path modelFile() {
        return Paths.get(modelFile);
    }

    /**
     * The backbone's features of images (raw, before the head's standardisation).
     *
     * @param images images
     * @return [images][features]
     */
    public double[][] features(List<ImageTensor> images) {
        double[][] x = backbone().extract(images);
        checkWidth(x, head.head().numFeatures(), backbone());
        return x;
    }

    /**
     * Label probabilities: per-label sigmoid for a multi-label head, softmax over classes for a single-label one.
     *
     * @param images images
     * @return [images][labels]
     */
    public double[][] predictProbabilities(List<ImageTensor> images) {
        return head.scores(features(images));
    }

    /**
     * 0/1 label predictions at a threshold on the probabilities.
     *
     * @param images    images
     * @param threshold threshold, e.g. 0.5
     * @return [images][labels]
     */
    public int[][] predictLabels(List<ImageTensor> images, double threshold) {
        double[][] p = predictProbabilities(images);
        int[][] y = new int[p.length][];
        for (int i = 0; i < p.length; i++) {
            y[i] = new int[p[i].length];
            for (int k = 0; k < p[i].length; k++) {
                y[i][k] = p[i][k] >= threshold ? 1 : 0;
            }
        }
        return y;
    }

    /**
     * Checks the deserialized fields; the backbone is loaded lazily.
     *
     * @param in the stream
     * @throws IOException            on a read error or incomplete state
     * @throws ClassNotFoundException for a missing class
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (modelFile == null || head == null || preprocessor == null || batchSize < 1) {
            throw new java.io.InvalidObjectException("Incomplete BackbonePipeline");
        }
    }

    @Override
    public String toString() {
        return "BackbonePipeline(" + modelFile + (featureLayer == null ? "" : " @" + featureLayer) + " -> "
                + head.head().describe() + ")";
    }
}
