package org.hybridqml.data;

import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core image-shape checks that every adapter calls name the expected and the actual shape. */
class ImageShapeTest {

    private static void contains(IllegalArgumentException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void anotherSizeOrChannelCountNamesBothShapes() {
        ImageShape trained = new ImageShape(3, 32, 32);
        trained.require("x", new ImageShape(3, 32, 32), "the model's training image shape");
        contains(assertThrows(IllegalArgumentException.class,
                        () -> trained.require("image 'a.png'", new ImageShape(3, 16, 16), "the training shape")),
                "image 'a.png'", "3x16x16", "3x32x32", "size 16x16 vs 32x32");
        contains(assertThrows(IllegalArgumentException.class,
                        () -> trained.require("image 'b.png'", new ImageShape(1, 32, 32), "the training shape")),
                "1x32x32", "3x32x32", "channels 1 vs 3");
        contains(assertThrows(IllegalArgumentException.class,
                        () -> trained.requireChannels("it", new ImageShape(1, 96, 128), "the training shape")),
                "1 channel", "1x96x128", "3x32x32", "3 channels");
        contains(assertThrows(IllegalArgumentException.class,
                        () -> trained.requireValues("instance 4", 1024, "the training shape")),
                "instance 4", "1024 pixel values", "3x32x32", "3072");
    }

    @Test
    void coreTrainerRefusesImagesOfAnotherShapeAndNonFinitePixels() {
        QuantumPointwiseCNNBuilder spec = new QuantumPointwiseCNNBuilder().width(4).height(4).channels(3).numClasses(2).convChannels(2)
                .circuits(1).quantumLayers(1);
        QuantumPointwiseCNNNetworkTrainer trainer = new QuantumPointwiseCNNNetworkTrainer(spec).epochs(1);
        float[][] grey = {new float[16], new float[16]};
        contains(assertThrows(IllegalArgumentException.class, () -> trainer.train(grey, new int[]{0, 1}, null, null)),
                "image 0", "16 pixel values", "3x4x4", "48");
        float[][] nan = {new float[48], new float[48]};
        nan[1][5] = Float.NaN;
        contains(assertThrows(IllegalArgumentException.class, () -> trainer.train(nan, new int[]{0, 1}, null, null)),
                "image 1", "NaN", "index 5");
        contains(assertThrows(IllegalArgumentException.class, () -> trainer.predictProba(null, grey)),
                "16 pixel values", "3x4x4");
    }
}
