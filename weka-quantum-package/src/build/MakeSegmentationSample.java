import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the package's segmentation sample (src/main/package/data/segmentation) from the repository's DSB 2018
 * nuclei subset (datasets/dsb2018-nuclei-subset, CC0): in the order of ids.txt, takes the gray-scale images (the
 * three colour channels equal) whose downsized mask has 10-45 % nucleus pixels, downsizes image and mask from
 * 256x256 to 64x64 by 4x4 block means (mask: foreground where at least half the block is), and writes the first
 * eight as train/, the next four as test/ (image/ and label/, 8-bit gray PNG), plus the id list.
 *
 * <p>Run from the repository root: {@code java weka-quantum-package/src/build/MakeSegmentationSample.java}.
 */
public final class MakeSegmentationSample {

    private static final int SIZE = 64;
    private static final int TRAIN = 8;
    private static final int TEST = 4;

    private MakeSegmentationSample() {
    }

    /**
     * @param args ignored
     * @throws Exception on unreadable input or unwritable output
     */
    public static void main(String[] args) throws Exception {
        Path src = Path.of("datasets/dsb2018-nuclei-subset");
        Path out = Path.of("weka-quantum-package/src/main/package/data/segmentation");
        List<String> ids = Files.readAllLines(src.resolve("ids.txt"));
        List<String> used = new ArrayList<>();
        for (String id : ids) {
            if (id.isBlank() || used.size() == TRAIN + TEST) {
                continue;
            }
            BufferedImage img = ImageIO.read(src.resolve("image/" + id + ".png").toFile());
            BufferedImage mask = ImageIO.read(src.resolve("label/" + id + ".png").toFile());
            if (!gray(img)) {
                continue;
            }
            BufferedImage small = downsize(img, false);
            BufferedImage smallMask = downsize(mask, true);
            double fg = foreground(smallMask);
            if (fg < 0.10 || fg > 0.45) {
                continue;
            }
            String split = used.size() < TRAIN ? "train" : "test";
            String name = String.format("nuclei-%02d", used.size() + 1);
            for (String d : List.of("image", "label")) {
                Files.createDirectories(out.resolve(split).resolve(d));
            }
            ImageIO.write(small, "png", out.resolve(split + "/image/" + name + ".png").toFile());
            ImageIO.write(smallMask, "png", out.resolve(split + "/label/" + name + ".png").toFile());
            used.add(split + "/" + name + " " + id + String.format(" (nucleus pixels %.1f %%)", 100 * fg));
            System.out.println(used.get(used.size() - 1));
        }
        Files.write(out.resolve("ids.txt"), used);
    }

    private static boolean gray(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 255;
                int g = (p >> 8) & 255;
                int b = p & 255;
                if (r != g || g != b) {
                    return false;
                }
            }
        }
        return true;
    }

    /** 4x4 block means of the luma (image) or of the foreground indicator (mask, thresholded at one half). */
    private static BufferedImage downsize(BufferedImage img, boolean mask) {
        int f = img.getWidth() / SIZE;
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double sum = 0;
                for (int dy = 0; dy < f; dy++) {
                    for (int dx = 0; dx < f; dx++) {
                        int p = img.getRGB(x * f + dx, y * f + dy);
                        double luma = 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
                        sum += mask ? (luma > 0 ? 1 : 0) : luma;
                    }
                }
                double mean = sum / (f * f);
                int v = mask ? (mean >= 0.5 ? 255 : 0) : (int) Math.round(mean);
                out.getRaster().setSample(x, y, 0, v);
            }
        }
        return out;
    }

    private static double foreground(BufferedImage mask) {
        int n = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                n += mask.getRaster().getSample(x, y, 0) > 0 ? 1 : 0;
            }
        }
        return n / (double) (SIZE * SIZE);
    }
}
