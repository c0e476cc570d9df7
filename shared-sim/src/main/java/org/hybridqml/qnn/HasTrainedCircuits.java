package org.hybridqml.qnn;

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
}
