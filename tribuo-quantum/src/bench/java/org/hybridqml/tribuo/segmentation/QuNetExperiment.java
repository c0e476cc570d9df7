package org.hybridqml.tribuo.segmentation;

import org.hybridqml.bench.Timing;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.metrics.FoldSummary;
import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluation;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The QuFeX paper's comparison of Qu-Net against the classical U-Net (Jain &amp; Kalev, arXiv:2501.13165) on bundled
 * data, through the Tribuo pipeline
 * ({@link QuNetTrainer}, {@link SegmentationEvaluator}): the classical U-Net against Qu-Nets with several QuFeX
 * bottlenecks, same encoder, same epochs, same seed.
 *
 * <ul>
 *   <li>ISBI-2012: the 25 bundled slices resized (nearest) to the input size, k-fold cross-validation with 5
 *       consecutive slices per fold (slice numbers 0–4, 5–9, …).</li>
 *   <li>DSB2018 nuclei: the bundled 60-image subset (RGB), resized to the input size; fixed split, first 40 IDs of
 *       {@code ids.txt} train, last 20 test.</li>
 * </ul>
 * Reported per model: parameters; hard IoU of the foreground, of the background and their mean, Dice, the paper's
 * soft IoU (pooled over each fold's test images) as mean / median / IQR over folds; seconds per epoch and the ratio
 * to the U-Net's.
 *
 * <p>Sizes: ISBI slices (512x512) are resized (nearest) to {@code --size} (default 192x256, the PH2 code's input
 * size) and cut into {@code --tile} crops (default 192x128: two per slice, 40 training tiles per fold — more
 * optimiser steps than 20 whole slices, at the same pixels per epoch); the 5-pool PH2 U-Net leaves a 6x4 bottleneck,
 * which 2x2, 3x2 and 3x4 QuFeX patches all tile. DSB images (256x256 RGB) are resized to {@code --size} whole.
 *
 * <p>Usage: {@code QuNetExperiment [--quick] [--folds K] [--epochs E] [--size HxW] [--tile HxW] [--batch B]
 * [--models conv,4-1,...] [--seeds 42,43,...] [--lr 1e-3] [--filters 8,16,32,16,8] [--conv-filters F,...]
 * [--prior-bias] [--no-isbi] [--no-dsb]}. {@code --filters}: the encoder filters of every model (default the PH2
 * code's); {@code --conv-filters}: other filters for the classical U-Net ("conv"), for the paper's unequal-size ISBI
 * pair; {@code --prior-bias}: every model's output bias starts at the training masks' foreground log-odds
 * ({@link QuNetTrainer#withOutputBiasFromPrior}; Lin et al., arXiv:1708.02002 Sec. 3.3) instead of 0.
 * Full mode: 5 folds, 15 epochs, batch 2, models conv, 4-1, 4-2, 8-1-2,
 * 12-1, 12-2, Adam 1e-3. {@code --quick}: the first 2 of the 5 folds, 6 epochs, models conv, 4-1, 12-2.
 */
public final class QuNetExperiment {

    private QuNetExperiment() {
    }

    /** @param args see class comment */
    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int folds = intArg(a, "--folds", quick ? 2 : 5);
        int epochs = intArg(a, "--epochs", quick ? 6 : 15);
        int[] size = dims(strArg(a, "--size", "192x256"));
        int[] tile = dims(strArg(a, "--tile", "192x128"));
        int batch = intArg(a, "--batch", 2);
        int h = tile[0];
        int w = tile[1];
        List<String> models = Arrays.asList(strArg(a, "--models",
                quick ? "conv,4-1,12-2" : "conv,4-1,4-2,8-1-2,12-1,12-2").split(","));
        double lr = Double.parseDouble(strArg(a, "--lr", "1e-3"));
        long[] seeds = Arrays.stream(strArg(a, "--seeds", "42").split(",")).mapToLong(Long::parseLong).toArray();
        int[] filters = Arrays.stream(strArg(a, "--filters", join(UNetBuilder.PH2_FILTERS)).split(","))
                .mapToInt(Integer::parseInt).toArray();
        String convFilters = strArg(a, "--conv-filters", join(filters));
        int[] unetFilters = Arrays.stream(convFilters.split(",")).mapToInt(Integer::parseInt).toArray();
        boolean priorBias = a.contains("--prior-bias");
        System.out.printf(Locale.ROOT, "QuNetExperiment: %s, %d folds, %d epochs, ISBI slices resized to %dx%d and "
                        + "cut into %dx%d tiles, models %s, encoder filters %s, batch %d, Adam %g, output bias %s, "
                        + "seed(s) %s; %d cores, load %s%n", quick ? "--quick" : "full", folds, epochs, size[0],
                size[1], h, w, models, Arrays.toString(filters) + (Arrays.equals(filters, unetFilters) ? ""
                        : " (U-Net " + Arrays.toString(unetFilters) + ")"), batch, lr,
                priorBias ? "from the foreground prior (--prior-bias)" : "0", Arrays.toString(seeds),
                Runtime.getRuntime().availableProcessors(), Timing.loadAverage());

        Path isbi = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset slices = SegmentationDataset.load(isbi.resolve("image"), isbi.resolve("label"), 1,
                size[0], size[1]);
        Map<String, List<Object[]>> isbiRuns = new LinkedHashMap<>();
        for (int f = 0; f < (a.contains("--no-isbi") ? 0 : folds); f++) {
            int fold = f;
            int[] test = IntStream.range(0, slices.size())
                    .filter(i -> Integer.parseInt(slices.names().get(i)) / 5 == fold).toArray();
            int[] train = IntStream.range(0, slices.size())
                    .filter(i -> Integer.parseInt(slices.names().get(i)) / 5 != fold).toArray();
            for (long seed : seeds) {
                for (String m : models) {
                    Object[] r = run(m, m.equals("conv") ? unetFilters : filters, 1, h, w, epochs, batch, lr, seed,
                            priorBias, slices.subset(train).tiles(h, w),
                            slices.subset(test).tiles(h, w), "ISBI fold " + (f + 1) + "/" + folds);
                    isbiRuns.computeIfAbsent(m, k -> new ArrayList<>()).add(r);
                }
            }
        }
        System.out.println();
        System.out.println("ISBI-2012 membranes (foreground = cell interior; background = membrane), " + folds
                + " fold(s) of 5 slices, IoU as mean / median / IQR over folds:");
        table(isbiRuns);

        if (!a.contains("--no-dsb")) {
            Path dsb = BundledDatasets.resolve("dsb2018-nuclei-subset");
            SegmentationDataset all = SegmentationDataset.load(dsb.resolve("image"), dsb.resolve("label"), 3, size[0],
                    size[1]);
            List<String> ids = java.nio.file.Files.readAllLines(dsb.resolve("ids.txt"));
            int[] train = IntStream.range(0, all.size()).filter(i -> ids.indexOf(all.names().get(i)) < 40).toArray();
            int[] test = IntStream.range(0, all.size()).filter(i -> ids.indexOf(all.names().get(i)) >= 40).toArray();
            Map<String, List<Object[]>> dsbRuns = new LinkedHashMap<>();
            for (long seed : seeds) {
                for (String m : models) {
                    dsbRuns.computeIfAbsent(m, k -> new ArrayList<>()).add(run(m,
                            m.equals("conv") ? unetFilters : filters, 3, size[0], size[1], epochs, batch,
                            lr, seed, priorBias, all.subset(train), all.subset(test), "DSB2018"));
                }
            }
            System.out.println();
            System.out.println("DSB2018 nuclei (foreground = nucleus), fixed split 40 train / 20 test:");
            table(dsbRuns);
        }
        System.out.println("load at the end: " + Timing.loadAverage());
    }

    /** @return {model name, params, scores, seconds per epoch} */
    private static Object[] run(String bottleneck, int[] filters, int channels, int h, int w, int epochs, int batch,
                                double lr, long seed, boolean priorBias,
                                SegmentationDataset train, SegmentationDataset test, String what) {
        QuNetTrainer trainer = new QuNetTrainer(h, w, channels, filters, bottleneck, epochs, batch,
                lr, seed).withOutputBiasFromPrior(priorBias);
        SimpleDataSourceProvenance prov = new SimpleDataSourceProvenance(what, new SegmentationFactory());
        MutableDataset<SegmentationMask> tr = new MutableDataset<>(ImageMaskDataSource.toExamples(train), prov,
                new SegmentationFactory());
        MutableDataset<SegmentationMask> te = new MutableDataset<>(ImageMaskDataSource.toExamples(test), prov,
                new SegmentationFactory());
        QuNetModel model = (QuNetModel) trainer.train(tr);
        SegmentationEvaluation ev = new SegmentationEvaluator().evaluate(model, te);
        double sec = model.segmenter().history().stream().mapToDouble(EpochStats::seconds).average().orElse(0);
        SegmentationScores s = ev.getScores();
        System.out.printf(Locale.ROOT, "  %-16s %-8s %,d params seed %d IoU fg %.4f bg %.4f mean %.4f soft %.4f  %.1f s/epoch  "
                + "load %s%n", what, bottleneck, model.segmenter().parameterCount(), seed, s.iou(), s.backgroundIou(), s.meanIou(), s.softIou(), sec,
                Timing.loadAverage());
        return new Object[]{bottleneck, model.segmenter().parameterCount(), s, sec};
    }

    private static void table(Map<String, List<Object[]>> runs) {
        System.out.printf(Locale.ROOT, "  %-9s %7s  %-22s  %-22s  %-22s  %-7s %-7s %8s %7s%n", "model", "params",
                "foreground IoU", "background IoU", "mean IoU", "Dice", "softIoU", "s/epoch", "ratio");
        double unetSec = Double.NaN;
        for (Map.Entry<String, List<Object[]>> e : runs.entrySet()) {
            List<Object[]> rs = e.getValue();
            double[] fg = rs.stream().mapToDouble(r -> ((SegmentationScores) r[2]).iou()).toArray();
            double[] bg = rs.stream().mapToDouble(r -> ((SegmentationScores) r[2]).backgroundIou()).toArray();
            double[] mean = rs.stream().mapToDouble(r -> ((SegmentationScores) r[2]).meanIou()).toArray();
            double dice = rs.stream().mapToDouble(r -> ((SegmentationScores) r[2]).dice()).average().orElse(0);
            double soft = rs.stream().mapToDouble(r -> ((SegmentationScores) r[2]).softIou()).average().orElse(0);
            double sec = rs.stream().mapToDouble(r -> (double) r[3]).average().orElse(0);
            if (e.getKey().equals("conv")) {
                unetSec = sec;
            }
            System.out.printf(Locale.ROOT, "  %-9s %7d  %-22s  %-22s  %-22s  %.4f  %.4f %8.1f %7s%n",
                    e.getKey().equals("conv") ? "U-Net" : "Qu-Net " + e.getKey(), (long) rs.get(0)[1],
                    summary(fg), summary(bg), summary(mean), dice, soft, sec,
                    Double.isNaN(unetSec) ? "-" : String.format(Locale.ROOT, "%.2fx", sec / unetSec));
        }
    }

    private static String summary(double[] v) {
        FoldSummary s = FoldSummary.of(v);
        return String.format(Locale.ROOT, "%.4f/%.4f/%.4f", s.mean(), s.median(),
                s.thirdQuartile() - s.firstQuartile());
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
    }

    private static int[] dims(String hxw) {
        String[] p = hxw.toLowerCase(Locale.ROOT).split("x");
        if (p.length != 2) {
            throw new IllegalArgumentException("size must be HxW, got " + hxw);
        }
        return new int[]{Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
    }

    private static int intArg(List<String> a, String name, int def) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : def;
    }

    private static String strArg(List<String> a, String name, String def) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : def;
    }

}
