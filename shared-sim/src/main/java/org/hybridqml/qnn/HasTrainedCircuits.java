package org.hybridqml.qnn;

import org.hybridqml.sim.draw.CircuitDrawing;

import java.util.List;

/**
 * A trained model (or model part) that can show its quantum circuits with their trained parameters: the DQC head,
 * the Qu-Net segmenter, the trained-head wrapper the platforms keep. Classical models return an empty list.
 */
public interface HasTrainedCircuits {

    /**
     * @return the model's circuits with their current (trained) parameter values, in the order the model runs them;
     *         empty for a model without a quantum part
     */
    List<TrainedCircuit> trainedCircuits();

    /**
     * The "Trained circuit(s)" section for these circuits in Unicode: {@link TrainedCircuit#describeAll} with
     * {@link CircuitDrawing.Style#UNICODE}.
     *
     * @return the section, or the empty string when there is no circuit
     */
    default String drawCircuits() {
        return TrainedCircuit.describeAll(trainedCircuits(), CircuitDrawing.Style.UNICODE);
    }
}
