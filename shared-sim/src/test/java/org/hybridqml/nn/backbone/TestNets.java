package org.hybridqml.nn.backbone;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small CNNs for 1×28×28 input, randomly initialised from a fixed seed (no training): conv3x3(6, ReLU) → max-pool
 * 4/4 (6×6×6) → dense(16, tanh, dropout 0.5) → sigmoid output(3). About 3.6k parameters.
 */
final class TestNets {

    private TestNets() {
    }

    /** MultiLayerNetwork with flat input (784 values, reshaped by a FeedForwardToCnn preprocessor). */
    static MultiLayerNetwork multiLayer(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).name("conv").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(4, 4).stride(4, 4).name("pool")
                        .build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).dropOut(0.5).name("dense")
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(3)
                        .activation(Activation.SIGMOID).name("out").build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * ComputationGraph with NCHW input: the same trunk, plus a global average pooling vertex "gap" on the conv
     * output merged with the dense output before the output layer.
     */
    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(4, 4).stride(4, 4).build(),
                        "conv")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .addLayer("dense", new DenseLayer.Builder().nOut(16).activation(Activation.TANH).dropOut(0.5).build(),
                        "pool")
                .addVertex("merge", new MergeVertex(), "dense", "gap")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(3)
                        .activation(Activation.SIGMOID).build(), "merge")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(28, 28, 1)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
