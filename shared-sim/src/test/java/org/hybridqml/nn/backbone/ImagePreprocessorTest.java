package org.hybridqml.nn.backbone;

import org.hybridqml.data.ImageTensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known answers for bilinear resize (half-pixel centres), centre crop and normalisation. */
class ImagePreprocessorTest {

    @Test
    void identityReturnsTheSameImage() {
        ImageTensor t = new ImageTensor(2, 2, 1, new float[]{1, 2, 3, 4});
        assertSame(t, ImagePreprocessor.none().apply(t));
        assertEquals(t, ImagePreprocessor.none().withResize(2, 2).apply(t));
    }

    @Test
    void upscaleMatchesHalfPixelBilinear() {
        // 1x2 -> 1x4: source x = (dst + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1
        ImageTensor t = new ImageTensor(1, 2, 1, new float[]{0, 4});
        ImageTensor r = ImagePreprocessor.none().withResize(1, 4).apply(t);
        assertArrayEquals(new float[]{0, 1, 3, 4}, r.data(), 1e-6f);
        // 2x2 -> 4x4, second row of the result: y = 0.25 between rows {0,4} and {8,12}
        ImageTensor s = new ImageTensor(2, 2, 1, new float[]{0, 4, 8, 12});
        ImageTensor q = ImagePreprocessor.none().withResize(4, 4).apply(s);
        assertArrayEquals(new float[]{2, 3, 5, 6}, java.util.Arrays.copyOfRange(q.data(), 4, 8), 1e-6f);
    }

    @Test
    void downscaleByTwoAveragesPairsAndKeepsChannelsApart() {
        // 2x4x2 (channels last): channel 0 = column index, channel 1 = 10 * row index
        float[] d = new float[2 * 4 * 2];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                d[(y * 4 + x) * 2] = x;
                d[(y * 4 + x) * 2 + 1] = 10 * y;
            }
        }
        ImageTensor r = ImagePreprocessor.none().withResize(1, 2).apply(new ImageTensor(2, 4, 2, d));
        assertArrayEquals(new float[]{0.5f, 5, 2.5f, 5}, r.data(), 1e-6f);
    }

    @Test
    void constantImageStaysConstantAtAnySize() {
        float[] d = new float[5 * 7 * 3];
        java.util.Arrays.fill(d, 0.3f);
        ImageTensor r = ImagePreprocessor.none().withResize(11, 3).apply(new ImageTensor(5, 7, 3, d));
        assertEquals(11, r.height());
        assertEquals(3, r.width());
        for (float v : r.data()) {
            assertEquals(0.3f, v, 1e-6f);
        }
    }

    @Test
    void shorterSideCropAndImageNetNormalisation() {
        float[] d = new float[100 * 50 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = ImagePreprocessor.IMAGENET_MEAN[i % 3] + ImagePreprocessor.IMAGENET_STD[i % 3];
        }
        ImageTensor r = ImagePreprocessor.paper().apply(new ImageTensor(100, 50, 3, d));
        assertEquals(224, r.height());
        assertEquals(224, r.width());
        for (float v : r.data()) {
            assertEquals(1f, v, 1e-5f);
        }
        ImageTensor s = ImagePreprocessor.none().withShorterSide(20).apply(new ImageTensor(100, 50, 3, d));
        assertEquals(40, s.height());
        assertEquals(20, s.width());
    }

    @Test
    void centreCropTakesTheMiddle() {
        float[] d = new float[4 * 4];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        ImageTensor r = ImagePreprocessor.none().withCenterCrop(2, 2).apply(new ImageTensor(4, 4, 1, d));
        assertArrayEquals(new float[]{5, 6, 9, 10}, r.data(), 0f);
    }

    @Test
    void errorsAndSerialization() throws Exception {
        ImageTensor gray = new ImageTensor(4, 4, 1, new float[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImagePreprocessor.imageNet(4).apply(gray));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImagePreprocessor.none().withCenterCrop(5, 5).apply(gray));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ImagePreprocessor.none().withNormalization(new float[]{0}, new float[]{0}));
        assertThrows(IllegalArgumentException.class, () -> ImagePreprocessor.none().withResize(0, 3));

        ImagePreprocessor p = ImagePreprocessor.imageNet(8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        ImagePreprocessor q;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            q = (ImagePreprocessor) in.readObject();
        }
        float[] d = new float[5 * 6 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % 17) / 17f;
        }
        ImageTensor t = new ImageTensor(5, 6, 3, d);
        assertEquals(p.apply(t), q.apply(t));
        assertEquals(p.toString(), q.toString());
    }
}
