package org.hybridqml.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.classification.ImageDirectoryDataSource;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code postConfig} of tribuo-quantum reports an out-of-range option as OLCUT's {@link PropertyException}
 * (as Tribuo's own trainers do), naming the field, its value and the allowed range, both from the programmatic
 * constructors and when OLCUT configures the object from an XML file.
 */
class ConfigPropertyExceptionTest {

    private static PropertyException fails(String field, Executable configure, String... fragments) {
        PropertyException e = assertThrows(PropertyException.class, configure);
        assertEquals(field, e.getProperty(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void quNetTrainerNamesTheField() {
        fails("imageHeight", () -> new QuNetTrainer(30, 32, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1),
                "imageHeight must be divisible by 2^2 = 4", "got 30");
        fails("imageWidth", () -> new QuNetTrainer(32, 0, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1),
                "imageWidth must be >= 1, got 0");
        fails("channels", () -> new QuNetTrainer(32, 32, 2, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1), "got 2");
        fails("filters", () -> new QuNetTrainer(32, 32, 1, new int[]{4, 0}, "conv", 1, 4, 1e-3, 1), "got 0");
        fails("batchSize", () -> new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "conv", 1, 0, 1e-3, 1), "got 0");
        fails("learningRate", () -> new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "conv", 1, 4, -1, 1),
                "got -1.0");
        // 32x32 through two poolings leaves an 8x8 bottleneck, which the 12-2 configuration's 3x4 patches do not tile
        fails("bottleneck", () -> new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "12-2", 1, 4, 1e-3, 1), "'12-2'");
        fails("bottleneck", () -> new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "no-such", 1, 4, 1e-3, 1),
                "'no-such'");
    }

    @Test
    void pointwiseTrainerNamesTheField() {
        fails("imageHeight", () -> new QuantumPointwiseCNNTrainer(0, 28, 1, 1, 1, false, 1, 32, 0.01, 1), "got 0");
        QuantumPointwiseCNNTrainer t = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 1, false, 1, 32, 0.01, 1);
        fails("denseUnits", () -> t.withLayerWidths(8, 64, 0), "denseUnits must be >= 1, got 0");
        fails("conv2Channels", () -> t.withLayerWidths(8, -1, 64), "(0: twice convChannels)", "got -1");
    }

    @Test
    void imageDirectorySourceNamesTheField() {
        Path cifar = BundledDatasets.resolve("cifar10-jpg-subset", "test");
        fails("channels", () -> new ImageDirectoryDataSource(cifar, 4, 0, 0),
                "channels must be 1 (grayscale) or 3 (RGB), got 4");
        fails("imageWidth", () -> new ImageDirectoryDataSource(cifar, 3, 8, -8), "imageWidth must be >= 0", "got -8");
    }

    /** Through OLCUT's configuration manager, where postConfig runs after the fields are set from XML. */
    @Test
    void olcutConfigurationReportsTheField(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("config.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                    <component name="dqc" type="%s">
                        <property name="threshold" value="1.5"/>
                    </component>
                    <component name="labels" type="%s">
                        <property name="numLabels" value="-2"/>
                    </component>
                    <component name="qunet" type="%s">
                        <property name="imageHeight" value="30"/>
                    </component>
                </config>
                """.formatted(DressedQuantumCircuitTrainer.class.getName(),
                DressedQuantumCircuitTrainer.class.getName(), QuNetTrainer.class.getName()));
        ConfigurationManager cm = new ConfigurationManager(xml.toString());
        fails("threshold", () -> cm.lookup("dqc"), "threshold must be in (0, 1), or 0 for PCut1, got 1.5");
        fails("numLabels", () -> cm.lookup("labels"), "numLabels must be >= 1", "got -2");
        fails("imageHeight", () -> cm.lookup("qunet"), "divisible", "got 30");
    }
}
