package org.hybridqml.tribuo.qnn;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.train.TrainingConfig;

/**
 * The training recipe a {@link AbstractHeadTrainer} starts from; options set explicitly on the trainer override it.
 */
public enum Preset {
    /**
     * {@link TrainingConfig#defaults()} and {@link DressedQuantumCircuit#DEFAULT_LAYERS} (8) DQC layers: output bias
     * from label priors, Adam lr 3e-3 with 10 × that for the DQC's readout layer, batch 32, ≤ 200 epochs, patience 20,
     * 20 % validation split — trains reliably on small data, for DQC and CDL alike.
     */
    DEFAULT,
    /**
     * {@link TrainingConfig#paper()} and {@link DressedQuantumCircuit#PAPER_LAYERS} (3) DQC layers: the authors'
     * recipe (Adam lr 1e-4 for every parameter, batch 32, ≤ 50 epochs, patience 5, zero
     * output bias, 20 % validation split); known to underfit or stop at once on small data sets.
     */
    PAPER;

    /** @return the DQC's variational layers in this preset */
    public int layers() {
        return this == PAPER ? DressedQuantumCircuit.PAPER_LAYERS : DressedQuantumCircuit.DEFAULT_LAYERS;
    }

    /** @return the core training configuration of this preset */
    public TrainingConfig config() {
        return this == PAPER ? TrainingConfig.paper() : TrainingConfig.defaults();
    }
}
