/**
 * Engine-neutral descriptions of the classifiers' options (name, flag, type, default, range, tip text, presets) with
 * Weka-style command-line parsing, and the papers' references, so that the Weka and MEKA adapters stay thin and say
 * the same thing.
 */
package org.hybridqml.options;
