package org.hybridqml.tribuo.qnn;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.options.OptionDef;

/**
 * The Tribuo trainers' {@code postConfig} checks of their {@code @Config} fields against the engine-neutral option
 * definitions ({@link OptionDef#rangeError}), the same ranges the Weka and MEKA classifiers check when they are
 * built; a value out of range is a {@link PropertyException} naming the field, its value and its range in words.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * @param instanceName the configured instance's name (may be empty)
     * @param field        the {@code @Config} field
     * @param option       the option whose range applies
     * @param value        the field's value
     * @throws PropertyException naming the field, e.g. "learningRate must be &gt; 0, got 0.0"
     */
    public static void check(String instanceName, String field, OptionDef option, Object value) {
        check(instanceName, field, option, value, "");
    }

    /**
     * Checks a lower bound that no engine-neutral option defines (e.g. a data source's resize or tile size).
     *
     * @param instanceName the configured instance's name (may be empty)
     * @param field        the {@code @Config} field
     * @param value        the field's value
     * @param min          the smallest allowed value
     * @param note         appended to the message, e.g. " (0: no tiling)"
     * @throws PropertyException naming the field, e.g. "tileHeight must be &gt;= 0 (0: no tiling), got -1"
     */
    public static void checkAtLeast(String instanceName, String field, long value, long min, String note) {
        if (value < min) {
            throw new PropertyException(instanceName == null ? "" : instanceName, field,
                    field + " must be >= " + min + note + ", got " + value);
        }
    }

    /**
     * Checks an image channel count: 1 (grayscale) or 3 (RGB).
     *
     * @param instanceName the configured instance's name (may be empty)
     * @param field        the {@code @Config} field
     * @param channels     the field's value
     * @throws PropertyException naming the field, e.g. "channels must be 1 (grayscale) or 3 (RGB), got 2"
     */
    public static void checkChannels(String instanceName, String field, int channels) {
        if (channels != 1 && channels != 3) {
            throw new PropertyException(instanceName == null ? "" : instanceName, field,
                    field + " must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
    }

    /**
     * @param instanceName the configured instance's name (may be empty)
     * @param field        the {@code @Config} field
     * @param option       the option whose range applies
     * @param value        the field's value
     * @param note         appended to the message, e.g. " (or 0 for the preset's)"
     * @throws PropertyException naming the field, its value and the range
     */
    public static void check(String instanceName, String field, OptionDef option, Object value, String note) {
        String error;
        try {
            error = option.rangeError(option.normalize(value));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        if (error != null) {
            throw new PropertyException(instanceName == null ? "" : instanceName, field, field + " " + error + note);
        }
    }
}
