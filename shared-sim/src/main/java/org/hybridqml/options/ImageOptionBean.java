package org.hybridqml.options;

import java.io.File;

/**
 * Java-bean accessors for the options the image classifiers ({@link QuantumPointwiseCNNOptions},
 * {@link QuNetSegmenterOptions}) share: {@code imagesLocation} (a directory, shown as a {@link File}; empty text is the
 * empty path), {@code imageChannels} and {@code epochs}, besides {@link TrainingOptionBean}'s.
 */
public interface ImageOptionBean extends TrainingOptionBean {

    /** @return tip text */
    default String imagesLocationTipText() {
        return optionValues().spec().tip("imagesLocation");
    }

    /** @return the folder of the image files */
    default File getImagesLocation() {
        return new File(optionValues().getString("imagesLocation"));
    }

    /** @param v the folder of the image files (null: none) */
    default void setImagesLocation(File v) {
        optionValues().store("imagesLocation", v == null ? "" : v.getPath());
    }

    /** @return tip text */
    default String imageChannelsTipText() {
        return optionValues().spec().tip("imageChannels");
    }

    /** @return image channels (1 or 3) */
    default int getImageChannels() {
        return optionValues().getInt("imageChannels");
    }

    /** @param v image channels (1 or 3) */
    default void setImageChannels(int v) {
        optionValues().store("imageChannels", v);
    }

    /** @return tip text */
    default String epochsTipText() {
        return optionValues().spec().tip("epochs");
    }

    /** @return training epochs */
    default int getEpochs() {
        return optionValues().getInt("epochs");
    }

    /** @param v training epochs (&ge; 1) */
    default void setEpochs(int v) {
        optionValues().store("epochs", v);
    }
}
