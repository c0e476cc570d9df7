package weka.classifiers.functions;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package ships exactly one slf4j binding, the no-op one (its runtime class path is the test class path less
 * Weka and the test libraries), so DL4J/ND4J logging neither prints slf4j's "no binding" warning nor DL4J's INFO
 * lines. {@link WekaPackageInstallIT} checks the installed package's CNN and Qu-Net runs print no "SLF4J:" line.
 */
class Slf4jBindingTest {

    @Test
    void exactlyOneBindingTheNoOpOne() throws Exception {
        List<URL> bindings = Collections.list(getClass().getClassLoader()
                .getResources("org/slf4j/impl/StaticLoggerBinder.class"));
        assertEquals(1, bindings.size(), "slf4j bindings on the class path: " + bindings);
        assertTrue(bindings.get(0).toString().contains("slf4j-nop"), bindings.toString());
        assertEquals("org.slf4j.helpers.NOPLoggerFactory",
                org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
