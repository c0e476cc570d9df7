package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.hybridqml.nn.QuFeXLayer;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.nd4j.linalg.activations.Activation;

/**
 * The Qu-Net bottleneck: the QuFeX layer on the last max-pool output (Jain &amp; Kalev, arXiv:2501.13165, Sec. III.B:
 * the quantum layer at the U-Net bottleneck with an identity mapping around it), filters·C channels out (x + Q_f(x) per
 * filter, concatenated, as in the authors' code {@code Jain-Naman/QuNet-Ph2/models/qunet_*.py}). Rejects bottleneck
 * shapes the configuration cannot tile.
 */
public final class QuFeXBottleneck implements Bottleneck {
    private final QuFeXConfig config;

    /**
     * @param config the QuFeX configuration, e.g. {@code QuFeXConfig.of("12-2")}
     */
    public QuFeXBottleneck(QuFeXConfig config) {
        this.config = config;
    }

    /** @return the configuration */
    public QuFeXConfig config() {
        return config;
    }

    @Override
    public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels, int height,
                        int width, Activation activation) {
        config.checkFits(channels, height, width);
        graph.addLayer("bottleneck_qufex", new QuFeXLayer(config), input);
        return new Output("bottleneck_qufex", config.outputChannels(channels));
    }

    @Override
    public String describe() {
        return "QuFeX " + config.name() + " (" + config.qubits() + " qubits, " + config.patchHeight() + "x"
                + config.patchWidth() + " patches of " + config.mapsPerGroup() + " map(s), " + config.filters()
                + " filter(s))";
    }
}
