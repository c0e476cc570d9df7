package org.hybridqml.tribuo.qnn;

import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.Loss;
import org.hybridqml.qnn.train.Standardizer;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingHistory;
import org.hybridqml.tribuo.qnn.protos.TrainedHeadProto;
import org.tribuo.util.Util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts a shared-sim {@link TrainedHead} to and from its {@link TrainedHeadProto}: the architecture, the flat
 * parameter vector, the standardisation statistics and the training history, so that a deserialised model predicts
 * bitwise as the original.
 */
public final class TrainedHeadProtos {

    private TrainedHeadProtos() {
    }

    /**
     * Serialises a trained head.
     *
     * @param trained the trained DQC or CDL head
     * @return the message
     */
    public static TrainedHeadProto toProto(TrainedHead trained) {
        ClassifierHead head = trained.head();
        TrainedHeadProto.Builder b = TrainedHeadProto.newBuilder()
                .setNumFeatures(head.numFeatures())
                .setNumOutputs(head.numOutputs());
        if (head instanceof DressedQuantumHead dqc) {
            b.setHeadType(HeadType.DQC.name()).setNumQubits(dqc.numQubits()).setLayers(dqc.layers());
        } else if (head instanceof DenseHead) {
            b.setHeadType(HeadType.CDL.name());
        } else {
            throw new IllegalArgumentException("Cannot serialise head " + head.getClass().getName());
        }
        for (double p : head.parameters()) {
            b.addParameters(p);
        }
        for (double m : trained.standardizer().means()) {
            b.addFeatureMean(m);
        }
        for (double s : trained.standardizer().inverseStandardDeviations()) {
            b.addFeatureInvSd(s);
        }
        b.setLoss(trained.loss().name());
        TrainingHistory h = trained.history();
        for (TrainingHistory.Epoch e : h.epochs()) {
            b.addEpochTrainLoss(e.trainLoss()).addEpochValLoss(e.valLoss()).addEpochSeconds(e.seconds());
        }
        b.setBestEpoch(h.bestEpoch()).setStoppedEarly(h.stoppedEarly());
        return b.build();
    }

    /**
     * Rebuilds a trained head.
     *
     * @param proto the message
     * @return the trained head
     * @throws IllegalArgumentException if the message is inconsistent
     */
    public static TrainedHead fromProto(TrainedHeadProto proto) {
        HeadType type;
        try {
            type = HeadType.valueOf(proto.getHeadType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid protobuf: unknown head type '" + proto.getHeadType() + "'", e);
        }
        ClassifierHead head = type == HeadType.DQC
                ? new DressedQuantumHead(proto.getNumFeatures(), proto.getNumOutputs(), proto.getNumQubits(),
                proto.getLayers())
                : new DenseHead(proto.getNumFeatures(), proto.getNumOutputs());
        double[] params = Util.toPrimitiveDouble(proto.getParametersList());
        if (params.length != head.numParameters()) {
            throw new IllegalArgumentException("Invalid protobuf: " + head.describe() + " needs "
                    + head.numParameters() + " parameters, found " + params.length);
        }
        head.setParameters(params);
        double[] mean = Util.toPrimitiveDouble(proto.getFeatureMeanList());
        double[] invSd = Util.toPrimitiveDouble(proto.getFeatureInvSdList());
        if (mean.length != proto.getNumFeatures()) {
            throw new IllegalArgumentException("Invalid protobuf: " + mean.length + " feature means for "
                    + proto.getNumFeatures() + " features");
        }
        Standardizer std = Standardizer.fromStatistics(mean, invSd);
        Loss loss = Loss.valueOf(proto.getLoss());
        int epochs = proto.getEpochTrainLossCount();
        if (proto.getEpochValLossCount() != epochs || proto.getEpochSecondsCount() != epochs) {
            throw new IllegalArgumentException("Invalid protobuf: training history arrays differ in length");
        }
        List<TrainingHistory.Epoch> list = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            list.add(new TrainingHistory.Epoch(e, proto.getEpochTrainLoss(e), proto.getEpochValLoss(e),
                    proto.getEpochSeconds(e)));
        }
        TrainingHistory history = new TrainingHistory(List.copyOf(list), proto.getBestEpoch(),
                proto.getStoppedEarly());
        return new TrainedHead(head, std, loss, history);
    }

    /**
     * Whether two trained heads have the same architecture, parameters and standardisation (bitwise).
     *
     * @param a one head
     * @param b the other
     * @return true if they predict identically
     */
    public static boolean sameModel(TrainedHead a, TrainedHead b) {
        return a.head().getClass() == b.head().getClass()
                && a.head().describe().equals(b.head().describe())
                && Arrays.equals(a.head().parameters(), b.head().parameters())
                && Arrays.equals(a.standardizer().means(), b.standardizer().means())
                && Arrays.equals(a.standardizer().inverseStandardDeviations(),
                b.standardizer().inverseStandardDeviations())
                && a.loss() == b.loss();
    }
}
