package org.hybridqml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error from reading an image, mask, ARFF, XML, CSV or IDX data file names the file. */
class DataFileErrorsTest {

    private static void namesFile(Path file, Executable call) {
        IOException e = assertThrows(IOException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()),
                "the message names " + file + ": " + e.getMessage());
    }

    /** A PNG whose header is valid but whose image data is cut off (ImageIO: "Error reading PNG image data"). */
    static Path corruptPng(Path file) throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, (x * 31 + y * 17) * 0x010101);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] png = out.toByteArray();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Arrays.copyOf(png, 45));
        return file;
    }

    @Test
    void corruptPngErrorNamesTheFileInEveryImageReader(@TempDir Path dir) throws IOException {
        Path png = corruptPng(dir.resolve("cls/broken.png"));
        namesFile(png, () -> ImageFiles.read(png, 1));
        namesFile(png, () -> ImageFiles.readNchw(png, 3, 4, 4));
        namesFile(png, () -> ImageDirectory.read(dir, 1, 0, 0));
        Path images = Files.createDirectories(dir.resolve("seg/images"));
        Path masks = Files.createDirectories(dir.resolve("seg/masks"));
        Path img = corruptPng(images.resolve("a.png"));
        BufferedImage ok = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(ok, "png", masks.resolve("a.png").toFile());
        namesFile(img, () -> SegmentationDataset.load(images, masks, 1, 0, 0));
        ImageIO.write(ok, "png", img.toFile());
        Path mask = corruptPng(masks.resolve("a.png"));
        namesFile(mask, () -> SegmentationDataset.load(images, masks, 1, 0, 0));
    }

    @Test
    void maskWriteErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path target = blocker.resolve("mask.png");
        namesFile(target, () -> MaskImages.writeMask(target, new float[4], 2, 2, 0.5));
    }

    @Test
    void truncatedOrCorruptIdxErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path idx = dir.resolve("images-idx3-ubyte");
        Files.write(idx, new byte[]{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
        namesFile(idx, () -> IdxFile.read(idx));
        Path gz = dir.resolve("labels-idx1-ubyte.gz");
        Files.write(gz, new byte[]{1, 2, 3, 4, 5});
        namesFile(gz, () -> IdxFile.read(gz));
    }

    @Test
    void corruptCsvErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("m.csv.gz");
        Files.write(gz, "1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)); // not gzip
        namesFile(gz, () -> CsvMatrix.read(gz));
        Path nan = Files.writeString(dir.resolve("nan.csv"), "1,2\n3,NaN\n");
        namesFile(nan, () -> CsvMatrix.read(nan));
        namesFile(dir.resolve("missing.csv"), () -> CsvMatrix.read(dir.resolve("missing.csv")));
    }

    @Test
    void unreadableArffAndXmlErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path arff = dir.resolve("latin1.arff");
        Files.write(arff, "@relation r\n@attribute caf\u00e9 numeric\n@data\n1\n".getBytes(StandardCharsets.ISO_8859_1));
        namesFile(arff, () -> ArffTable.read(arff));
        Path good = Files.writeString(dir.resolve("ok.arff"), "@relation r\n@attribute a numeric\n"
                + "@attribute l {0,1}\n@data\n1,1\n");
        Path xml = Files.writeString(dir.resolve("labels.xml"), "<labels><label name=\"l\"></labels>");
        namesFile(xml, () -> MultiLabelData.readMulan(good, xml));
        namesFile(dir.resolve("none.xml"), () -> MultiLabelData.readMulan(good, dir.resolve("none.xml")));
    }

    @Test
    void nominalFeaturesAreOneHotEncodedNeverReadAsTheirIndex(@TempDir Path dir) throws IOException {
        Path arff = Files.writeString(dir.resolve("nominal.arff"), String.join("\n",
                "@relation 'nom: -C 1'",
                "@attribute lab {0,1}",
                "@attribute colour {red,green,blue}",
                "@attribute size numeric",
                "@data",
                "1,blue,2.5",
                "0,red,1",
                "{0 1, 2 4}", ""));
        MultiLabelData d = MultiLabelData.readMeka(arff);
        assertEquals(List.of("colour=red", "colour=green", "colour=blue", "size"), d.featureNames());
        assertArrayEquals(new double[]{0, 0, 1, 2.5}, d.features()[0]);
        assertArrayEquals(new double[]{1, 0, 0, 1}, d.features()[1]);
        assertArrayEquals(new double[]{1, 0, 0, 4}, d.features()[2], "sparse absent nominal = first value");
        Path xml = Files.writeString(dir.resolve("nominal.xml"), "<labels><label name=\"lab\"/></labels>");
        assertEquals(4, MultiLabelData.readMulan(arff, xml).numFeatures());
    }

    @Test
    void nominalEncodingRefusesAnIndexOutsideTheValuesNamingAttributeAndCount() {
        NominalEncoding enc = NominalEncoding.of(List.of("x", "c"), Arrays.asList(null, List.of("a", "b")));
        assertEquals(3, enc.width());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.encode(new double[]{0, 5}));
        assertTrue(e.getMessage().contains("'c'") && e.getMessage().contains("2 values")
                && e.getMessage().contains("5"), e.getMessage());
        double[] missing = enc.encode(new double[]{1, Double.NaN});
        assertTrue(Double.isNaN(missing[1]) && Double.isNaN(missing[2]));
    }
}
