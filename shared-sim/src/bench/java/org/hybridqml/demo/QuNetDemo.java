package org.hybridqml.demo;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.MaskImages;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The README demo: trains the QuFeX paper's Qu-Net 12-2 and its classical U-Net twin on the bundled ISBI-2012
 * membrane slices, reports IoU and Dice of both classes on held-out slices next to an always-"cell" baseline, and
 * writes mask and overlay PNGs.
 *
 * <p>Data: the 25 bundled 512×512 slices, resized (nearest) to 192×256 — the PH2 code's input size — and cut into
 * four 96×128 tiles each; slices 0–19 train (80 tiles), slices 20–24 test (20 tiles). At 96×128 the PH2 U-Net's
 * five max-pools leave a 3×4 bottleneck: exactly one 12-qubit QuFeX patch per map.
 *
 * <p>Usage: {@code QuNetDemo [epochs] [outputDir]}; default 12 epochs, {@code target/qunet-demo}.
 */
public final class QuNetDemo {

    /**
     * The trainer's own INFO log (one line per epoch and one every ~10 s), silenced here because the demo prints
     * one line per epoch itself; held in a field so that the level outlives garbage collection of the logger.
     */
    private static final Logger TRAINER_LOG = Logger.getLogger("org.hybridqml.nn.train");

    private QuNetDemo() {
    }

    /** @param args optional epochs and output folder */
    public static void main(String[] args) throws Exception {
        TRAINER_LOG.setLevel(Level.WARNING);
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path out = Path.of(args.length > 1 ? args[1] : "target/qunet-demo");
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset slices = SegmentationDataset.load(root.resolve("image"), root.resolve("label"), 1, 192,
                256);
        // files sort as text (0, 1, 10, ...): split by the slice number in the name
        int[] trainIdx = IntStream.range(0, slices.size())
                .filter(i -> Integer.parseInt(slices.names().get(i)) < 20).toArray();
        int[] testIdx = IntStream.range(0, slices.size())
                .filter(i -> Integer.parseInt(slices.names().get(i)) >= 20).toArray();
        SegmentationDataset train = slices.subset(trainIdx).tiles(96, 128);
        SegmentationDataset test = slices.subset(testIdx).tiles(96, 128);
        System.out.printf(Locale.ROOT, "Qu-Net demo: ISBI-2012 membranes, %d training tiles and %d test tiles of "
                + "96x128 (slices 0-19 / 20-24), %d epochs; cell pixels in test: %.1f %%%n", train.size(),
                test.size(), epochs, 100 * test.foregroundFraction());
        String[] bottlenecks = {QuNetSegmenterSpec.CONV, "12-2"};
        String[] labels = {"U-Net (classical)", "Qu-Net 12-2"};
        String table = "";
        for (int m = 0; m < bottlenecks.length; m++) {
            QuNetSegmenterSpec spec = QuNetSegmenterSpec.ph2(96, 128, 1, bottlenecks[m], epochs);
            String label = labels[m];
            QuNetSegmenterModel s = QuNetSegmenterModel.train(spec, train, null, line -> System.out.println("  [" + label + "] " + line));
            double secPerEpoch = s.history().stream().mapToDouble(EpochStats::seconds).average().orElse(0);
            SegmentationScores sc = s.evaluate(test);
            table += row(label + String.format(Locale.ROOT, " (%d params, %.1f s/epoch)", s.parameterCount(),
                    secPerEpoch), sc);
            Path dir = out.resolve(bottlenecks[m].equals(QuNetSegmenterSpec.CONV) ? "unet" : "qunet-12-2");
            float[][] p = s.predictAll(test);
            int hw = 96 * 128;
            for (int i = 0; i < 4; i++) { // the four tiles of slice 20
                float[] img = Arrays.copyOfRange(test.images(), i * hw, (i + 1) * hw);
                String name = test.names().get(i).replace('@', '_').replace(',', '_');
                MaskImages.writeMask(dir.resolve(name + "_mask.png"), p[i], 96, 128, 0.5);
                MaskImages.writeOverlay(dir.resolve(name + "_overlay.png"), img, 1, 96, 128, p[i], 0.5);
            }
            System.out.println("  wrote masks and overlays to " + dir.toAbsolutePath());
        }
        float[][] allCell = new float[test.size()][96 * 128];
        for (float[] a : allCell) {
            Arrays.fill(a, 1f);
        }
        org.hybridqml.metrics.BinarySegmentationScorer base = new org.hybridqml.metrics.BinarySegmentationScorer();
        for (int i = 0; i < test.size(); i++) {
            base.add(allCell[i], Arrays.copyOfRange(test.masks(), i * 96 * 128, (i + 1) * 96 * 128));
        }
        System.out.println();
        System.out.println("Test tiles (pooled, threshold 0.5):");
        System.out.printf(Locale.ROOT, "  %-48s %9s %9s %13s %13s %9s%n", "model", "cell IoU", "cell Dice",
                "membrane IoU", "membrane Dice", "mean IoU");
        System.out.print(row("always 'cell' baseline", base.scores()));
        System.out.print(table);
    }

    private static String row(String label, SegmentationScores s) {
        double bgDice = 2.0 * s.trueNegatives() / (2.0 * s.trueNegatives() + s.falsePositives() + s.falseNegatives());
        return String.format(Locale.ROOT, "  %-48s %9.4f %9.4f %13.4f %13.4f %9.4f%n", label, s.iou(), s.dice(),
                s.backgroundIou(), Double.isNaN(bgDice) ? 0 : bgDice, s.meanIou());
    }
}
