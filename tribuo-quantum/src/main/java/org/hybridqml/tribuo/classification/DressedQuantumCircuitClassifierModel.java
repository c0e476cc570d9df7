package org.hybridqml.tribuo.classification;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.tribuo.qnn.AbstractHeadModel;
import org.hybridqml.tribuo.qnn.ModelProtos;
import org.hybridqml.tribuo.qnn.TrainedHeadProtos;
import org.hybridqml.tribuo.qnn.protos.DressedQuantumCircuitClassifierModelProto;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A single-label DQC or CDL classifier trained by {@link DressedQuantumCircuitClassifierTrainer}: predicts the class
 * with the highest softmax probability (the lowest output id on ties) and carries the full distribution in the
 * prediction's output-scores map. Serialisable with Java serialisation and protobuf.
 */
public final class DressedQuantumCircuitClassifierModel extends AbstractHeadModel<Label> {

    private static final long serialVersionUID = 1L;

    /**
     * Protobuf serialization version: 1 seals the payload with a SHA-256 ({@link ModelProtos#envelope}); version 0
     * (no checksum) is not read.
     */
    public static final int CURRENT_VERSION = 1;

    DressedQuantumCircuitClassifierModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                         ImmutableOutputInfo<Label> labelInfo, TrainedHead trained) {
        super(name, provenance, featureIDMap, labelInfo, trained);
        if (!trained.isSingleLabel()) {
            throw new IllegalArgumentException("A single-label model needs a head trained with softmax cross-entropy");
        }
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
    public static DressedQuantumCircuitClassifierModel deserializeFromProto(int version, String className,
                                                                            Any message)
            throws InvalidProtocolBufferException {
        DressedQuantumCircuitClassifierModelProto proto = ModelProtos.open(version, className, message,
                DressedQuantumCircuitClassifierModel.class, CURRENT_VERSION, DressedQuantumCircuitClassifierModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata().unpack(ModelDataProto.class));
        ImmutableOutputInfo<Label> labelInfo = ModelProtos.outputDomain(carrier, Label.class);
        return new DressedQuantumCircuitClassifierModel(carrier.name(), carrier.provenance(), carrier.featureDomain(),
                labelInfo, TrainedHeadProtos.fromProto(proto.getHead()));
    }

    @Override
    protected Prediction<Label> makePrediction(double[] probabilities, int numUsed, Example<Label> example) {
        Map<String, Label> scores = new LinkedHashMap<>();
        Label best = null;
        for (int id = 0; id < probabilities.length; id++) {
            Label label = new Label(outputIDInfo.getOutput(id).getLabel(), probabilities[id]);
            scores.put(label.getLabel(), label);
            if (best == null || probabilities[id] > best.getScore()) {
                best = label;
            }
        }
        return new Prediction<>(best, scores, numUsed, example, true);
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Label> carrier = createDataCarrier();
        DressedQuantumCircuitClassifierModelProto model = DressedQuantumCircuitClassifierModelProto.newBuilder()
                .setMetadata(Any.pack(carrier.serialize()))
                .setHead(TrainedHeadProtos.toProto(trained))
                .build();
        return ModelProtos.envelope(model, DressedQuantumCircuitClassifierModel.class, CURRENT_VERSION);
    }

    @Override
    public DressedQuantumCircuitClassifierModel withPredictionNoise(PredictionNoise noise) {
        return new DressedQuantumCircuitClassifierModel(name, provenance, featureIDMap, outputIDInfo, trained.withPredictionNoise(noise));
    }

    @Override
    protected DressedQuantumCircuitClassifierModel copy(String newName, ModelProvenance newProvenance) {
        TrainedHead copy = new TrainedHead(trained.head().copy(), trained.standardizer(), trained.loss(),
                trained.history());
        return new DressedQuantumCircuitClassifierModel(newName, newProvenance, featureIDMap, outputIDInfo, copy);
    }
}
