package weka.core.converters;

import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-pixel ARFF converter on the bundled tiny ISBI crops (six 32x32 images with masks). */
class SegmentationArffWriterTest {

    @TempDir
    Path tmp;

    static Path isbi(String sub) throws Exception {
        return Path.of(SegmentationArffWriterTest.class.getResource("/images/isbi-tiny/" + sub).toURI());
    }

    @Test
    void everySampledPixelCarriesItsImagePositionIntensityAndMaskClass() throws Exception {
        Instances d = SegmentationArffWriter.toInstances(isbi("image"), isbi("label"), 4, 1, true, false, "isbi");
        assertEquals(6 * 8 * 8, d.numInstances());
        assertEquals(5, d.numAttributes());
        assertEquals("class", d.classAttribute().name());
        assertEquals(6, d.attribute("image").numValues());
        ImageTensor mask3 = ImageFiles.read(isbi("label").resolve("3.png"), 1);
        ImageTensor image3 = ImageFiles.read(isbi("image").resolve("3.png"), 1);
        int checked = 0;
        for (Instance inst : d) {
            assertTrue(inst.value(1) % 4 == 1 && inst.value(2) % 4 == 1, "stride 4, offset 1");
            if (inst.stringValue(0).equals("3")) {
                int r = (int) inst.value(1);
                int c = (int) inst.value(2);
                assertEquals(mask3.get(r, c, 0) > 0 ? "foreground" : "background", inst.stringValue(4));
                assertEquals(image3.get(r, c, 0), inst.value(3), 1e-6);
                checked++;
            }
        }
        assertEquals(64, checked);
        int[] counts = d.attributeStats(4).nominalCounts;
        assertTrue(counts[0] > 0 && counts[1] > 0, "both classes present: " + counts[0] + "/" + counts[1]);
    }

    @Test
    void commandLineWritesAnArffWekaReadsBack() throws Exception {
        Path out = tmp.resolve("pixels.arff");
        SegmentationArffWriter.main(new String[]{"-images", isbi("image").toString(), "-masks",
                isbi("label").toString(), "-o", out.toString(), "-stride", "8", "-string-id"});
        Instances back = DataSource.read(out.toString());
        assertEquals(6 * 4 * 4, back.numInstances());
        assertTrue(back.attribute(0).isString());
        assertEquals(4, back.numAttributes(), "no intensity attribute without -intensity");
    }

    @Test
    void missingMasksAndBadStridesAreReported() throws Exception {
        Exception e = assertThrows(NoSuchFileException.class, () -> SegmentationArffWriter.toInstances(
                isbi("image"), tmp, 1, 0, false, false, "x"));
        assertTrue(e.getMessage().contains("0.png") || e.toString().contains("no mask file"), e.toString());
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationArffWriter.toInstances(
                isbi("image"), isbi("label"), 2, 2, false, false, "x"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }
}
