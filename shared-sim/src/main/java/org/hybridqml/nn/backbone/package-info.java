/**
 * Transfer learning for the classifier heads: a frozen CNN backbone read from a DL4J model file turns images into
 * feature rows, on which the dressed quantum circuit (DQC) or its classical twin (CDL) head is trained.
 *
 * <ul>
 *   <li>{@link org.hybridqml.nn.backbone.FrozenBackbone} loads a {@code MultiLayerNetwork} or
 *       {@code ComputationGraph} zip (auto-detected) and extracts the activations of its output or of a named
 *       layer/vertex, in inference mode and mini-batches, with input-shape checks.</li>
 *   <li>{@link org.hybridqml.nn.backbone.ImagePreprocessor}: bilinear resize, centre crop and per-channel
 *       normalisation (ImageNet and paper presets).</li>
 *   <li>{@link org.hybridqml.nn.backbone.BackbonePipeline}: backbone + trained head → label probabilities;
 *       serializable with the backbone referenced by its model file path.</li>
 * </ul>
 *
 * <p>Unlike the paper (Chan et al., arXiv:2405.00156: ResNet-50 fine-tuned end to end), the backbone is frozen
 * and used as a fixed feature extractor, because back-propagating through a large CNN is impractical on the CPU-only
 * machines this project targets. No pretrained weights are downloaded: the model must be a local file.
 *
 * <p>The package sits under {@code org.hybridqml.nn} because {@link org.hybridqml.nn.backbone.FrozenBackbone} runs
 * the backbone with DL4J; the heads and their training ({@code org.hybridqml.qnn.head}, {@code org.hybridqml.qnn.train})
 * stay engine-neutral.
 */
package org.hybridqml.nn.backbone;
