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
