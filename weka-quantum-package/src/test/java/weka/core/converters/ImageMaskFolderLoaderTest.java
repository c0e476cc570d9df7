package weka.core.converters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.QuNetSegmenter;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ImageMaskFolderLoader} on the bundled tiny ISBI crops (six 32x32 images, masks in the sibling
 * {@code label} folder): the same instances as {@link SegmentationArffWriter#toInstances}, the folder rules, the
 * images folder recorded for {@link QuNetSegmenter}, Weka's option checks, and both converters run through
 * {@code weka.Run}'s entry point.
 */
class ImageMaskFolderLoaderTest {

    @TempDir
    Path tmp;

    private static Path isbi(String sub) throws Exception {
        return SegmentationArffWriterTest.isbi(sub);
    }

    @Test
    void openingOneImageLoadsTheFolderAsTheWriterDoes() throws Exception {
        ImageMaskFolderLoader loader = new ImageMaskFolderLoader();
        loader.setOptions(new String[]{"-stride", "4", "-offset", "1", "-intensity", "-nominal-id"});
        loader.setFile(isbi("image").resolve("3.png").toFile());
        Instances fromLoader = loader.getDataSet();
        File images = isbi("image").toFile().getAbsoluteFile();
        Instances fromWriter = SegmentationArffWriter.toInstances(isbi("image"), isbi("label"), 4, 1, true, false,
                ImageMaskFolderLoader.defaultRelationName(images));
        assertEquals(fromWriter.toString(), fromLoader.toString());
        assertEquals(6 * 8 * 8, fromLoader.numInstances());
        assertEquals(images.getPath(), ImageMaskFolderLoader.imagesLocation(fromLoader.relationName()));
        // the record survives the suffix Weka's filters append to relation names
        assertEquals(images.getPath(), ImageMaskFolderLoader.imagesLocation(fromLoader.relationName()
                + "-weka.filters.unsupervised.attribute.Remove-R4"));
        assertEquals(null, ImageMaskFolderLoader.imagesLocation("isbi"));

        // defaults: string id (compatible headers for other images), every pixel, structure = data header
        ImageMaskFolderLoader plain = new ImageMaskFolderLoader();
        plain.setFile(isbi("image").toFile().getParentFile());
        Instances all = plain.getDataSet();
        assertTrue(all.attribute("image").isString());
        assertEquals(6 * 32 * 32, all.numInstances());
        assertEquals(all.classIndex(), all.numAttributes() - 1);
        assertEquals(null, plain.getStructure().equalHeadersMsg(new Instances(all, 0)));
        assertTrue(List.of(plain.getFileExtensions()).containsAll(List.of(".png", ".tif", ".jpg")));
        assertThrows(java.io.IOException.class, () -> plain.getNextInstance(all));
    }

    @Test
    void masksComeFromTheOptionOrASiblingAndAreReportedWhenMissing() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("set/pictures"));
        Path truth = Files.createDirectories(tmp.resolve("set/truth"));
        for (String n : List.of("0.png", "1.png")) {
            Files.copy(isbi("image").resolve(n), images.resolve(n));
            Files.copy(isbi("label").resolve(n), truth.resolve(n));
        }
        ImageMaskFolderLoader loader = new ImageMaskFolderLoader();
        loader.setFile(images.resolve("1.png").toFile());
        Exception e = assertThrows(NoSuchFileException.class, loader::getDataSet);
        assertTrue(e.getMessage().contains("label, labels, mask, masks") && e.getMessage().contains("-masks"),
                e.getMessage());
        loader.setMasksFolder("truth"); // relative: resolved next to the images folder
        assertEquals(2 * 32 * 32, loader.getDataSet().numInstances());
        loader.setStride(0);
        e = assertThrows(IllegalArgumentException.class, loader::getDataSet);
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> loader.setFile(tmp.resolve("none.png").toFile()));
    }

    @Test
    void optionsAndToolTipsPassWekasChecks() {
        CheckOptionHandler options = new CheckOptionHandler();
        options.setOptionHandler(new ImageMaskFolderLoader());
        options.setUserOptions(new String[]{"-stride", "2", "-offset", "1", "-intensity", "-nominal-id", "-masks",
                "m", "-relation", "r"});
        options.setSilent(true);
        assertTrue(options.checkListOptions(), "listOptions");
        assertTrue(options.checkSetOptions(), "setOptions");
        assertTrue(options.checkDefaultOptions(), "default options");
        assertTrue(options.checkCanonicalUserOptions(), "canonical user options");
        assertTrue(options.checkResettingOptions(), "resetting options");
        CheckGOE goe = new CheckGOE();
        goe.setObject(new ImageMaskFolderLoader());
        goe.setSilent(true);
        assertTrue(goe.checkGlobalInfo(), "globalInfo");
        assertTrue(goe.checkToolTips(), "tool tips");
    }

    /** Runs {@code weka.Run} (without loading packages: the classes are on the test class path). */
    private static String wekaRun(String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            String[] all = new String[args.length + 1];
            all[0] = "-no-load";
            System.arraycopy(args, 0, all, 1, args.length);
            weka.Run.main(all);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wekaRunFindsTheWriterByItsShortNameAndWritesArffToAFileOrStandardOutput() throws Exception {
        Path out = tmp.resolve("pixels.arff");
        String printed = wekaRun(".SegmentationArffWriter", "-images", isbi("image").toString(), "-stride", "8",
                "-string-id", "-o", out.toString());
        assertTrue(Files.isRegularFile(out), "weka.Run wrote no file; it printed:\n" + printed);
        Instances written = DataSource.read(out.toString());
        assertEquals(6 * 4 * 4, written.numInstances());
        assertTrue(written.attribute(0).isString());
        assertEquals(isbi("image").toFile().getAbsolutePath(),
                ImageMaskFolderLoader.imagesLocation(written.relationName()));

        String arff = wekaRun(".SegmentationArffWriter", "-images", isbi("image").toString(), "-masks",
                isbi("label").toString(), "-stride", "8");
        Instances stdout = new Instances(new StringReader(arff.substring(arff.indexOf("@relation"))));
        assertEquals(6 * 4 * 4, stdout.numInstances());
        assertTrue(stdout.attribute(0).isNominal(), "nominal id without -string-id, as before");

        String loaded = wekaRun(".ImageMaskFolderLoader", isbi("image").resolve("0.png").toString(), "-stride",
                "16");
        Instances fromLoader = new Instances(new StringReader(loaded.substring(loaded.indexOf("@relation"))));
        assertEquals(6 * 2 * 2, fromLoader.numInstances());
    }

    @Test
    void quNetSegmenterFindsTrainingAndTestImagesThroughTheRecordedFolders() throws Exception {
        for (String split : List.of("train", "test")) {
            for (String kind : List.of("image", "label")) {
                Path dir = Files.createDirectories(tmp.resolve(split).resolve(kind));
                for (String n : split.equals("train") ? List.of("0", "1", "2", "3") : List.of("4", "5")) {
                    Files.copy(isbi(kind).resolve(n + ".png"), dir.resolve("t" + split.charAt(1) + n + ".png"));
                }
            }
        }
        ImageMaskFolderLoader loader = new ImageMaskFolderLoader();
        loader.setFile(tmp.resolve("train").toFile());
        Instances train = loader.getDataSet();
        loader.setFile(tmp.resolve("test/image/te4.png").toFile());
        Instances test = loader.getDataSet();
        assertEquals(null, train.equalHeadersMsg(test), "a supplied test set of other images fits the header");

        QuNetSegmenter seg = new QuNetSegmenter();
        seg.setOptions(new String[]{"-filters", "2,4", "-bottleneck", "conv", "-E", "1", "-mini-batch", "2"});
        assertEquals("", seg.getImagesLocation().getPath(), "no images location given");
        seg.buildClassifier(train);
        assertTrue(seg.toString().contains("Images folder: " + tmp.resolve("train/image").toAbsolutePath()),
                seg.toString());
        Evaluation eval = new Evaluation(train);
        eval.evaluateModel(seg, test);
        assertEquals(2 * 32 * 32, (int) eval.numInstances());
        assertEquals(0, (int) eval.unclassified(), "every test pixel got a prediction from its test image");
    }
}
