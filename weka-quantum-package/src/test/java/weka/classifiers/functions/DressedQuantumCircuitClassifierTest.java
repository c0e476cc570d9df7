package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's standard classifier checks ({@code CheckClassifier}, {@code CheckOptionHandler}, {@code CheckGOE}) and
 * the regression reference ({@code src/test/resources/wekarefs/weka/classifiers/functions/
 * DressedQuantumCircuitClassifierTest.ref}; delete it and run the test once to regenerate it) for
 * {@link DressedQuantumCircuitClassifier}, kept fast with a small circuit and few epochs.
 */
public class DressedQuantumCircuitClassifierTest extends AbstractClassifierTest {

    /** @param name the test name */
    public DressedQuantumCircuitClassifierTest(String name) {
        super(name);
    }

    @Override
    public Classifier getClassifier() {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setNumQubits(2);
        c.setNumLayers(1);
        c.setMaxEpochs(5);
        c.setPatience(2);
        return c;
    }

    /** @return the JUnit 3 suite */
    public static Test suite() {
        return new TestSuite(DressedQuantumCircuitClassifierTest.class);
    }
}
