package weka.classifiers.functions;

import java.io.PrintStream;

/**
 * Standard error that also hands each progress line to the Explorer's log panel and status bar: Weka 3.8's
 * Explorer ({@code ClassifierPanel}) gives its {@link weka.gui.Logger} to a classifier that implements
 * {@link weka.core.LogHandler} before training it, which {@link AbstractQuantumClassifier} does.
 */
final class ProgressStream extends PrintStream {

    private final weka.gui.Logger log;

    /**
     * @param err where every line goes (standard error)
     * @param log the Explorer's logger
     */
    ProgressStream(PrintStream err, weka.gui.Logger log) {
        super(err, true);
        this.log = log;
    }

    @Override
    public void println(String line) {
        super.println(line);
        try {
            log.logMessage(line);
            log.statusMessage(line);
        } catch (RuntimeException e) {
            // a broken GUI logger must not stop the training; the line is on standard error
        }
    }
}
