package org.hybridqml.nn;

import org.nd4j.common.config.ND4JClassLoading;

import java.util.concurrent.Callable;

/**
 * Runs ND4J/DL4J work with the class loader that loaded this library, so that ND4J finds its backend when the
 * library lives in a plugin class loader (a Weka package's own loader, which is not the thread's context class
 * loader).
 *
 * <p>ND4J looks up its backend and other services with {@code ServiceLoader} through
 * {@link ND4JClassLoading#getNd4jClassloader()}, which is the thread context class loader at the time ND4J's class
 * was first touched. Inside Weka's package class loader that is Weka's application loader, which does not see the
 * package's {@code lib/} jars, and ND4J fails with {@code NoAvailableBackendException}. {@link #call} therefore
 * points ND4J's class loader at this library's loader (once) and sets the thread context class loader to it for the
 * duration of the work (for Jackson and anything else that consults it), restoring the previous one afterwards. On a
 * plain class path both are already the application loader and nothing changes.
 */
public final class Nd4jClassLoaderScope {

    private static final ClassLoader LOADER = Nd4jClassLoaderScope.class.getClassLoader();

    private Nd4jClassLoaderScope() {
    }

    /**
     * Runs ND4J/DL4J work with this library's class loader.
     *
     * @param work the work
     * @param <T>  its result
     * @return the work's result
     * @throws Exception what the work throws
     */
    public static <T> T call(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            useLibraryLoaderForNd4j();
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Points ND4J's service lookups at this library's class loader (idempotent). */
    private static synchronized void useLibraryLoaderForNd4j() {
        if (ND4JClassLoading.getNd4jClassloader() != LOADER) {
            ND4JClassLoading.setNd4jClassloader(LOADER);
        }
    }

    /** @return the class loader ND4J work runs with (the one that loaded this library) */
    public static ClassLoader loader() {
        return LOADER;
    }
}
