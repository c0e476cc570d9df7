/** Benchmarks runnable with one command (see each class comment). */
package org.hybridqml.bench;
