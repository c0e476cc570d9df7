/**
 * Integrity of saved models, shared by every engine adapter: {@link org.hybridqml.io.ModelChecksum} computes and
 * verifies the SHA-256 of a model's payload, {@link org.hybridqml.io.ModelIntegrityException} says what is wrong
 * (empty, truncated, corrupt) naming the model kind and, when known, the file, and
 * {@link org.hybridqml.io.SealedModel} is the Java-serialization proxy that writes a model as a checksummed
 * payload and verifies it before the model is read back.
 */
package org.hybridqml.io;
