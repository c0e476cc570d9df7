package org.hybridqml.options;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current values of the options of an {@link OptionSpec}: what a platform classifier keeps instead of one field
 * per option. Every {@link #set} validates against the option's definition (errors name the option and the valid
 * range), and choosing a preset sets the options it controls. Serializable with the classifier (values are
 * Integer, Double, Boolean or String).
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
     * Sets an option (and, for a preset choice, the options the preset controls).
     *
     * @param name  bean property name
     * @param value the value (Integer, Double, Boolean or String as the option's type; a choice by name)
     * @return this
     * @throws IllegalArgumentException naming the option when the value is not valid
     */
    public OptionValues set(String name, Object value) {
        OptionDef d = spec.get(name);
        Object v = d.validate(value);
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
