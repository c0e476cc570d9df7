/**
 * The Weka classifiers of the package, one per paper: {@link weka.classifiers.functions.QuNetSegmenter} (Qu-Net with
 * the QuFeX bottleneck, Jain &amp; Kalev, arXiv:2501.13165, or the classical U-Net, as a per-pixel classifier),
 * {@link weka.classifiers.functions.QuantumPointwiseCNN} (the quantum pointwise convolution of Ning, Li &amp; Chen,
 * arXiv:2412.01241, or its classical twin) and {@link weka.classifiers.functions.DressedQuantumCircuitClassifier}
 * (the dressed quantum circuit head of Chan et al., arXiv:2405.00156, or its classical twin CDL).
 *
 * <p>They are adapters: they turn {@code Instances} into arrays, options into shared-sim's option specs and
 * training configurations, and predictions back into distributions, while the models, their training and their
 * checks live in shared-sim. {@link weka.classifiers.functions.AbstractQuantumClassifier} holds what the three share
 * (options, "About" text, batch prediction, checksummed serialization through
 * {@link weka.classifiers.functions.SealedWekaClassifier}).
 */
package weka.classifiers.functions;
