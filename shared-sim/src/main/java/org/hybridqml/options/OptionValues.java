package org.hybridqml.options;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current values of the options of an {@link OptionSpec}: what a platform classifier keeps instead of one field
 * per option. {@link #set} validates against the option's definition (errors name the option, the value and the
 * valid range in words); {@link #store}, what bean setters and command-line parsing use, checks only the type, so
 * that an editor can hold an intermediate value (e.g. {@code 0} while {@code 0.005} is being typed), and
 * {@link #validate()} checks every range when the classifier is built. Choosing a preset sets the options it
 * controls. Serializable with the classifier (values are Integer, Double, Boolean or String).
 */
public final class OptionValues implements Serializable {

    private static final long serialVersionUID = 1L;

    private final OptionSpec spec;
    private final Map<String, Object> values = new LinkedHashMap<>();

    OptionValues(OptionSpec spec) {
        this.spec = spec;
    }

    /** @return the spec these values belong to */
    public OptionSpec spec() {
        return spec;
    }

    /**
     * Sets an option (and, for a preset choice, the options the preset controls), checking its range.
     *
     * @param name  bean property name
     * @param value the value (Integer, Double, Boolean or String as the option's type; a choice by name)
     * @return this
     * @throws IllegalArgumentException naming the option when the value is not valid
     */
    public OptionValues set(String name, Object value) {
        spec.get(name).validate(value);
        return store(name, value);
    }

    /**
     * Sets an option (and, for a preset choice, the options the preset controls) without checking its range: what
     * bean setters (Weka's and MEKA's option editors, which set a field at every keystroke) and command-line parsing
     * use. {@link #validate()} reports an out-of-range value when the classifier is built.
     *
     * @param name  bean property name
     * @param value the value (Integer, Double, Boolean or String as the option's type; a choice by name)
     * @return this
     * @throws IllegalArgumentException naming the option when the value has the wrong type or is not one of a
     *                                  choice's names
     */
    public OptionValues store(String name, Object value) {
        OptionDef d = spec.get(name);
        Object v = d.normalize(value);
        values.put(name, v);
        Map<String, Object> preset = d.presets().get((String) (d.kind() == OptionDef.Kind.CHOICE ? v : ""));
        if (preset != null) {
            for (Map.Entry<String, Object> e : preset.entrySet()) {
                values.put(e.getKey(), spec.get(e.getKey()).validate(e.getValue()));
            }
        }
        return this;
    }

    /**
     * Checks every option's value against its range; the one check of the options, called by the platforms when a
     * classifier is built.
     *
     * @return this
     * @throws IllegalArgumentException naming each option out of range, its value and its range in words (e.g.
     *                                  "Option learningRate (-lr) must be &gt; 0, got 0.0"), one line per option
     */
    public OptionValues validate() {
        StringBuilder errors = new StringBuilder();
        for (OptionDef d : spec.options()) {
            try {
                d.validate(values.get(d.name()));
            } catch (IllegalArgumentException e) {
                errors.append(errors.length() == 0 ? "" : "\n").append(e.getMessage());
            }
        }
        if (errors.length() > 0) {
            throw new IllegalArgumentException(errors.toString());
        }
        return this;
    }

    /**
     * @param name bean property name
     * @return its value
     */
    public Object get(String name) {
        spec.get(name);
        return values.get(name);
    }

    /** @param name an INT option @return its value */
    public int getInt(String name) {
        return (Integer) get(name);
    }

    /** @param name a DOUBLE option @return its value */
    public double getDouble(String name) {
        return (Double) get(name);
    }

    /** @param name a BOOLEAN option @return its value */
    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    /** @param name a STRING or CHOICE option @return its value (a choice's name) */
    public String getString(String name) {
        return (String) get(name);
    }

    /** @param name a CHOICE option @return the position of the chosen name in the option's choices */
    public int choiceIndex(String name) {
        return spec.get(name).choices().indexOf(getString(name));
    }

    /** @return an independent copy */
    public OptionValues copy() {
        OptionValues c = new OptionValues(spec);
        c.values.putAll(values);
        return c;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
