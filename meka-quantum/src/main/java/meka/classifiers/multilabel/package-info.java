/**
 * The MEKA multi-label classifier {@link meka.classifiers.multilabel.DQC}: the dressed quantum circuit head of Chan
 * et al. (arXiv:2405.00156), or its classical twin (CDL), trained on all labels at once with mean sigmoid binary
 * cross-entropy, one relevance per label. It is an adapter over shared-sim's heads and trainer
 * ({@code org.hybridqml.qnn.head}, {@code org.hybridqml.qnn.train}) with the options of
 * {@code org.hybridqml.options}, shared with Weka's {@code DressedQuantumCircuitClassifier}; saved models carry a
 * checksum ({@link meka.classifiers.multilabel.SealedMekaClassifier}).
 */
package meka.classifiers.multilabel;
