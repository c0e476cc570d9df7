package org.hybridqml.tribuo.image;

import org.hybridqml.tribuo.classification.ImageDirectoryDataSource;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors from reading image, mask, ARFF and XML files through the Tribuo data sources name the file. */
class DataSourceFileErrorsTest {

    static void corruptPng(Path file) throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Files.createDirectories(file.getParent());
        Files.write(file, Arrays.copyOf(out.toByteArray(), 45));
    }

    static void namesFile(Path file, org.junit.jupiter.api.function.Executable call) {
        Exception e = assertThrows(Exception.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()),
                "names " + file + ": " + e);
    }

    @Test
    void corruptImageThroughImageDirectoryDataSourceNamesTheFile(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("cls/x.png");
        corruptPng(png);
        namesFile(png, () -> new ImageDirectoryDataSource(dir, 1, 0, 0));
    }

    @Test
    void corruptImageOrMaskThroughImageMaskDataSourceNamesTheFile(@TempDir Path dir) throws IOException {
        Path img = dir.resolve("image/a.png");
        corruptPng(img);
        Files.createDirectories(dir.resolve("mask"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", dir.resolve("mask/a.png").toFile());
        namesFile(img, () -> new ImageMaskDataSource(dir.resolve("image"), dir.resolve("mask"), 1, 0, 0));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", img.toFile());
        Path mask = dir.resolve("mask/a.png");
        corruptPng(mask);
        namesFile(mask, () -> new ImageMaskDataSource(dir.resolve("image"), dir.resolve("mask"), 1, 0, 0));
    }

    @Test
    void malformedMulanXmlOrArffNamesTheFile(@TempDir Path dir) throws IOException {
        Path arff = Files.writeString(dir.resolve("d.arff"), "@relation r\n@attribute a numeric\n"
                + "@attribute l {0,1}\n@data\n1,1\n");
        Path xml = Files.writeString(dir.resolve("d.xml"), "<labels><label name=\"l\"></labels>");
        namesFile(xml, () -> new MulanDataSource(arff, xml));
        Path goodXml = Files.writeString(dir.resolve("ok.xml"), "<labels><label name=\"l\"/></labels>");
        Path bad = Files.writeString(dir.resolve("bad.arff"), "@relation r\n@attribute a numeric\n"
                + "@attribute l {0,1}\n@data\n1,2\n");
        namesFile(bad, () -> new MulanDataSource(bad, goodXml));
    }
}
