package org.hybridqml.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-per-folder image set ({@code root/<class>/<image>}), read into NCHW float arrays in [0, 1] with int
 * labels. Classes are the sub-folder names in sorted order; files in a class folder are read in sorted name
 * order; hidden files (name starting with '.') are skipped; every other regular file must be a readable image
 * (an unknown format fails with an {@link IOException} naming the file). Images are optionally resized
 * (nearest neighbour) to a fixed height and width; without a size, all images must share the first one's size.
 *
 * @param classes class names, index = label
 * @param images  images, each NCHW flattened (channels &middot; height &middot; width)
 * @param labels  label per image
 * @param files   source file per image
 * @param height  image height
 * @param width   image width
 * @param channels image channels (1 or 3)
 */
public record ImageDirectory(List<String> classes, float[][] images, int[] labels, List<Path> files,
                             int height, int width, int channels) {

    /**
     * Reads a class-per-folder directory.
     *
     * @param root     the directory holding one sub-folder per class
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param height   target height, or 0 to keep the images' own size
     * @param width    target width, or 0 to keep the images' own size
     * @return the images
     * @throws IOException if the directory is missing, has no class folder, a class folder is empty, an image is
     *                     unreadable, or (without resizing) images differ in size
     */
    public static ImageDirectory read(Path root, int channels, int height, int width) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("image directory not found: " + root);
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (classDirs.isEmpty()) throw new IOException("no class folders in " + root);
        List<String> classes = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        int w = width, h = height;
        for (int k = 0; k < classDirs.size(); k++) {
            Path dir = classDirs.get(k);
            classes.add(dir.getFileName().toString());
            List<Path> imgs;
            try (Stream<Path> s = Files.list(dir)) {
                imgs = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            if (imgs.isEmpty()) throw new IOException("class folder has no images: " + dir);
            for (Path f : imgs) {
                ImageTensor t = ImageFiles.read(f, channels);
                if (w <= 0 || h <= 0) {
                    w = t.width();
                    h = t.height();
                } else if (width <= 0 && (t.width() != w || t.height() != h)) {
                    throw new IOException("image " + f + " is " + t.height() + "x" + t.width()
                            + " (height x width), expected " + h + "x" + w + " (give a size to resize)");
                }
                images.add(toNchw(t, h, w));
                labels.add(k);
                files.add(f);
            }
        }
        return new ImageDirectory(List.copyOf(classes), images.toArray(new float[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(files), h, w, channels);
    }

    /** Nearest-neighbour resize of an HWC tensor into an NCHW array. */
    static float[] toNchw(ImageTensor t, int h, int w) {
        int c = t.channels();
        float[] out = new float[c * h * w];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(t.height() - 1, (int) ((y + 0.5) * t.height() / h));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(t.width() - 1, (int) ((x + 0.5) * t.width() / w));
                for (int ch = 0; ch < c; ch++) out[(ch * h + y) * w + x] = t.get(sy, sx, ch);
            }
        }
        return out;
    }
}
