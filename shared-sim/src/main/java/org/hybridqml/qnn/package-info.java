/**
 * Engine-neutral hybrid quantum layers on plain {@code double[]} arrays (no DL4J, Weka or Tribuo types): forward
 * and backward passes that neural-network adapters (see {@code org.hybridqml.nn}) wrap.
 */
package org.hybridqml.qnn;
