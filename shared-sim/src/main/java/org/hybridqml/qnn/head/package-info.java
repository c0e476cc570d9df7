/**
 * Classifier heads in plain Java over {@code double[]}: the dressed quantum circuit head (DQC, Chan et al.,
 * arXiv:2405.00156) and its classical twin (CDL, one dense layer), behind one interface.
 *
 * <p>A {@link org.hybridqml.qnn.head.ClassifierHead} maps a batch of feature rows to logits and back-propagates
 * dL/dlogits to a flat parameter gradient and to dL/dfeatures, so trainers (see {@code org.hybridqml.qnn.train}) and
 * engine adapters treat both heads alike. The quantum part runs on {@link org.hybridqml.sim.StatevectorSimulator};
 * nothing here depends on a deep-learning engine.
 */
package org.hybridqml.qnn.head;
