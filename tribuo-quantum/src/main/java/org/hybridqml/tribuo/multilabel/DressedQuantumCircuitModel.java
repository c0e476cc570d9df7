package org.hybridqml.tribuo.multilabel;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.tribuo.qnn.AbstractHeadModel;
import org.hybridqml.tribuo.qnn.ModelProtos;
import org.hybridqml.tribuo.qnn.TrainedHeadProtos;
import org.hybridqml.tribuo.qnn.protos.DressedQuantumCircuitModelProto;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A multi-label DQC or CDL head trained by {@link DressedQuantumCircuitTrainer}.
 *
 * <p>A prediction holds the labels whose sigmoid probability is at least the threshold (0.5 by default, or the
 * value PCut1 calibrated on the training data when the trainer's threshold is 0; {@link #thresholdCalibrated()}),
 * each as a
 * {@link Label} whose score is its probability, and an output-scores map with one entry per label of the model's
 * domain (key: label name, value: a single-label {@link MultiLabel} carrying the probability), as Tribuo's
 * multi-label linear models do; {@code MultiLabelScoreEvaluator} reads the macro AUROC from it.
 *
 * <p>Serialisable with Java serialisation and protobuf ({@link #serialize()}, {@link #deserializeFromProto}).
 */
public final class DressedQuantumCircuitModel extends AbstractHeadModel<MultiLabel> {

    private static final long serialVersionUID = 1L;

    /**
     * Protobuf serialization version: 1 seals the payload with a SHA-256 ({@link ModelProtos#envelope}); version 0
     * (no checksum) is not read.
     */
    public static final int CURRENT_VERSION = 1;

    private final double threshold;

    /** Whether {@link #threshold} was calibrated by PCut1 (false in models saved before the option existed). */
    private final boolean thresholdCalibrated;

    DressedQuantumCircuitModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                               ImmutableOutputInfo<MultiLabel> labelInfo, TrainedHead trained, double threshold,
                               boolean thresholdCalibrated) {
        super(name, provenance, featureIDMap, labelInfo, trained);
        if (trained.isSingleLabel()) {
            throw new IllegalArgumentException("A multi-label model needs a head trained with sigmoid BCE");
        }
        this.threshold = threshold;
        this.thresholdCalibrated = thresholdCalibrated;
    }

    /**
     * Deserialization factory.
     *
     * @param version   the serialized object version
     * @param className the class name
     * @param message   the serialized data
     * @return the model
     * @throws InvalidProtocolBufferException if the model metadata cannot be parsed
     * @throws IllegalStateException          if the data are corrupt (checksum mismatch, wrong class name or type;
     *                                        the message names the model kind)
     */
    public static DressedQuantumCircuitModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        DressedQuantumCircuitModelProto proto = ModelProtos.open(version, className, message,
                DressedQuantumCircuitModel.class, CURRENT_VERSION, DressedQuantumCircuitModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata().unpack(ModelDataProto.class));
        ImmutableOutputInfo<MultiLabel> labelInfo = ModelProtos.outputDomain(carrier, MultiLabel.class);
        return new DressedQuantumCircuitModel(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                labelInfo, TrainedHeadProtos.fromProto(proto.getHead()), proto.getThreshold(),
                proto.getThresholdCalibrated());
    }

    /** @return the probability at or above which a label is predicted */
    public double threshold() {
        return threshold;
    }

    /** @return whether {@link #threshold()} was calibrated by PCut1 on the training data (trainer threshold 0) */
    public boolean thresholdCalibrated() {
        return thresholdCalibrated;
    }

    @Override
    protected String decisionDescription() {
        return String.format(Locale.ROOT, ", threshold %.6g%s", threshold,
                thresholdCalibrated ? " (PCut1 on the training data)" : "");
    }

    @Override
    protected Prediction<MultiLabel> makePrediction(double[] probabilities, int numUsed,
                                                    Example<MultiLabel> example) {
        Map<String, MultiLabel> scores = new LinkedHashMap<>();
        Set<Label> predicted = new HashSet<>();
        for (int id = 0; id < probabilities.length; id++) {
            Label label = new Label(outputIDInfo.getOutput(id).getLabelString(), probabilities[id]);
            if (probabilities[id] >= threshold) {
                predicted.add(label);
            }
            scores.put(label.getLabel(), new MultiLabel(label));
        }
        return new Prediction<>(new MultiLabel(predicted), scores, numUsed, example, true);
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<MultiLabel> carrier = createDataCarrier();
        DressedQuantumCircuitModelProto model = DressedQuantumCircuitModelProto.newBuilder()
                .setMetadata(Any.pack(carrier.serialize()))
                .setHead(TrainedHeadProtos.toProto(trained))
                .setThreshold(threshold)
                .setThresholdCalibrated(thresholdCalibrated)
                .build();
        return ModelProtos.envelope(model, DressedQuantumCircuitModel.class, CURRENT_VERSION);
    }

    @Override
    public DressedQuantumCircuitModel withPredictionNoise(PredictionNoise noise) {
        return new DressedQuantumCircuitModel(name, provenance, featureIDMap, outputIDInfo, trained.withPredictionNoise(noise), threshold,
                thresholdCalibrated);
    }

    @Override
    protected DressedQuantumCircuitModel copy(String newName, ModelProvenance newProvenance) {
        TrainedHead copy = new TrainedHead(trained.head().copy(), trained.standardizer(), trained.loss(),
                trained.history());
        return new DressedQuantumCircuitModel(newName, newProvenance, featureIDMap, outputIDInfo, copy, threshold,
                thresholdCalibrated);
    }
}
