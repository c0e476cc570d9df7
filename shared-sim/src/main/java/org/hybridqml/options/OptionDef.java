package org.hybridqml.options;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One option of a classifier, described independently of any platform: the bean property name (e.g.
 * {@code numQubits}, giving Weka's {@code getNumQubits}/{@code setNumQubits}/{@code numQubitsTipText}), the
 * command-line flag without its dash, the type, the default, the valid range and the tip text.
 *
 * <p>Types: {@link Kind#INT} and {@link Kind#DOUBLE} (with a range), {@link Kind#BOOLEAN} (set by a flag without a
 * value: {@code trueFlag} sets it, {@code flag} clears it; either may be absent), {@link Kind#CHOICE} (one of a fixed
 * list of names; a choice may be a <em>preset</em> that sets other options when chosen) and {@link Kind#STRING}
 * (free text such as a directory). An option whose default comes from a preset is <em>preset-controlled</em>: it has
 * no default of its own.
 *
 * <p>Instances are immutable; build them with the static factories and the {@code withX} copies.
 */
public final class OptionDef implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The value type of an option. */
    public enum Kind {
        /** An integer in [min, max]. */
        INT,
        /** A finite double in a range. */
        DOUBLE,
        /** A boolean, set by flags without a value. */
        BOOLEAN,
        /** One of a fixed list of names. */
        CHOICE,
        /** Free text (e.g. a file or directory; may be empty). */
        STRING
    }

    private final String name;
    private final String flag;
    private final Kind kind;
    private final Object defaultValue;
    private final String tip;
    private final String argName;
    private final double min;
    private final double max;
    private final boolean minExclusive;
    private final boolean maxExclusive;
    private final String trueFlag;
    private final List<String> choices;
    private final List<String> choiceDescriptions;
    private final Map<String, Map<String, Object>> presets;

    private OptionDef(String name, String flag, Kind kind, Object defaultValue, String tip, String argName,
                      double min, double max, boolean minExclusive, boolean maxExclusive, String trueFlag,
                      List<String> choices, List<String> choiceDescriptions,
                      Map<String, Map<String, Object>> presets) {
        this.name = Objects.requireNonNull(name, "name");
        this.flag = flag;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.tip = Objects.requireNonNull(tip, "tip");
        this.argName = argName;
        this.min = min;
        this.max = max;
        this.minExclusive = minExclusive;
        this.maxExclusive = maxExclusive;
        this.trueFlag = trueFlag;
        this.choices = choices;
        this.choiceDescriptions = choiceDescriptions;
        this.presets = presets;
    }

    /**
     * An integer option.
     *
     * @param name         bean property name
     * @param flag         command-line flag without the dash
     * @param defaultValue default, or null when preset-controlled
     * @param min          smallest valid value
     * @param max          largest valid value
     * @param tip          tip text (also the command-line description)
     * @return the option
     */
    public static OptionDef ofInt(String name, String flag, Integer defaultValue, int min, int max, String tip) {
        return new OptionDef(name, flag, Kind.INT, defaultValue, tip, "num", min, max, false, false, null,
                List.of(), List.of(), Map.of()).checkDefault();
    }

    /**
     * A double option with an inclusive range.
     *
     * @param name         bean property name
     * @param flag         command-line flag without the dash
     * @param defaultValue default, or null when preset-controlled
     * @param min          smallest valid value
     * @param max          largest valid value
     * @param tip          tip text
     * @return the option
     */
    public static OptionDef ofDouble(String name, String flag, Double defaultValue, double min, double max,
                                     String tip) {
        return new OptionDef(name, flag, Kind.DOUBLE, defaultValue, tip, "num", min, max, false, false, null,
                List.of(), List.of(), Map.of()).checkDefault();
    }

    /**
     * A boolean option.
     *
     * @param name         bean property name
     * @param trueFlag     flag that sets it to true, or null
     * @param falseFlag    flag that sets it to false, or null
     * @param defaultValue default, or null when preset-controlled
     * @param tip          tip text
     * @return the option
     */
    public static OptionDef ofBoolean(String name, String trueFlag, String falseFlag, Boolean defaultValue,
                                      String tip) {
        if (trueFlag == null && falseFlag == null) {
            throw new IllegalArgumentException("boolean option " + name + " needs at least one flag");
        }
        return new OptionDef(name, falseFlag, Kind.BOOLEAN, defaultValue, tip, null, 0, 0, false, false, trueFlag,
                List.of(), List.of(), Map.of());
    }

    /**
     * A free-text option.
     *
     * @param name         bean property name
     * @param flag         command-line flag without the dash
     * @param defaultValue default (may be empty, not null)
     * @param argName      the argument's name in the synopsis, e.g. {@code dir}
     * @param tip          tip text
     * @return the option
     */
    public static OptionDef ofString(String name, String flag, String defaultValue, String argName, String tip) {
        return new OptionDef(name, flag, Kind.STRING, Objects.requireNonNull(defaultValue, "default"), tip, argName,
                0, 0, false, false, null, List.of(), List.of(), Map.of());
    }

    /**
     * A choice among names.
     *
     * @param name         bean property name
     * @param flag         command-line flag without the dash
     * @param defaultValue the default name (one of {@code choices})
     * @param choices      the names, in display order
     * @param descriptions a readable description of each name (same order)
     * @param tip          tip text
     * @return the option
     */
    public static OptionDef ofChoice(String name, String flag, String defaultValue, List<String> choices,
                                     List<String> descriptions, String tip) {
        if (choices.isEmpty() || choices.size() != descriptions.size()) {
            throw new IllegalArgumentException("choice option " + name + " needs one description per name");
        }
        return new OptionDef(name, flag, Kind.CHOICE, defaultValue, tip, String.join("|", choices), 0, 0, false,
                false, null, List.copyOf(choices), List.copyOf(descriptions), Map.of()).checkDefault();
    }

    /**
     * A copy whose range excludes its lower and/or upper bound (DOUBLE only).
     *
     * @param lowerExclusive exclude the minimum
     * @param upperExclusive exclude the maximum
     * @return the copy
     */
    public OptionDef exclusive(boolean lowerExclusive, boolean upperExclusive) {
        return new OptionDef(name, flag, kind, defaultValue, tip, argName, min, max, lowerExclusive, upperExclusive,
                trueFlag, choices, choiceDescriptions, presets).checkDefault();
    }

    /**
     * A copy of this choice option that sets other options whenever a name is chosen (those options should be
     * preset-controlled, i.e. have a null default).
     *
     * @param presetValues for each choice name, the values it sets (option name to value)
     * @return the copy
     */
    public OptionDef withPresets(Map<String, Map<String, Object>> presetValues) {
        if (kind != Kind.CHOICE) {
            throw new IllegalStateException("only a choice option can be a preset: " + name);
        }
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        for (String c : choices) {
            Map<String, Object> values = presetValues.get(c);
            if (values == null) {
                throw new IllegalArgumentException("preset " + name + " has no values for '" + c + "'");
            }
            copy.put(c, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
        return new OptionDef(name, flag, kind, defaultValue, tip, argName, min, max, minExclusive, maxExclusive,
                trueFlag, choices, choiceDescriptions, Collections.unmodifiableMap(copy));
    }

    /**
     * A copy with another tip text.
     *
     * @param newTip the tip text
     * @return the copy
     */
    public OptionDef withTip(String newTip) {
        return new OptionDef(name, flag, kind, defaultValue, newTip, argName, min, max, minExclusive, maxExclusive,
                trueFlag, choices, choiceDescriptions, presets);
    }

    private OptionDef checkDefault() {
        if (defaultValue != null) {
            validate(defaultValue);
        }
        return this;
    }

    /** @return the bean property name */
    public String name() {
        return name;
    }

    /** @return the flag (without the dash) that takes the value, or for a boolean the flag that sets false; may be null for a boolean */
    public String flag() {
        return flag;
    }

    /** @return for a boolean, the flag that sets true, else null */
    public String trueFlag() {
        return trueFlag;
    }

    /** @return the value type */
    public Kind kind() {
        return kind;
    }

    /** @return the default value, or null when the option is preset-controlled */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return whether the default comes from a preset option */
    public boolean presetControlled() {
        return defaultValue == null;
    }

    /** @return the tip text */
    public String tip() {
        return tip;
    }

    /** @return the choice names (empty unless CHOICE) */
    public List<String> choices() {
        return choices;
    }

    /** @return the readable description of each choice (empty unless CHOICE) */
    public List<String> choiceDescriptions() {
        return choiceDescriptions;
    }

    /** @return for a preset choice, the values each name sets; else empty */
    public Map<String, Map<String, Object>> presets() {
        return presets;
    }

    /**
     * The flag (without the dash) an option listing names this option by: the flag that takes the value, or for a
     * boolean the flag that sets it (whose meaning the tip text describes; MEKA's help prints only this name above
     * the description), else the one that clears it.
     *
     * @return the listed flag
     */
    public String listFlag() {
        if (kind == Kind.BOOLEAN) {
            return trueFlag != null ? trueFlag : flag;
        }
        return flag;
    }

    /** @return whether the command-line flag takes a value (0 for booleans, else 1) */
    public int numArguments() {
        return kind == Kind.BOOLEAN ? 0 : 1;
    }

    /**
     * The command-line synopsis, e.g. {@code -Q <num>}; for a boolean with two flags, both ({@code -a | -no-a}).
     *
     * @return the synopsis
     */
    public String synopsis() {
        if (kind == Kind.BOOLEAN) {
            if (trueFlag != null && flag != null) {
                return "-" + trueFlag + " | -" + flag;
            }
            return "-" + (trueFlag != null ? trueFlag : flag);
        }
        return "-" + flag + " <" + argName + ">";
    }

    /**
     * The description for a command-line option listing: the tip text and the default, tab-indented as Weka's
     * option listings are.
     *
     * @return the description
     */
    public String listDescription() {
        String d = "\t" + tip;
        if (kind == Kind.BOOLEAN) {
            if (trueFlag != null && flag != null) {
                d += "\n\t(-" + trueFlag + " turns this on, -" + flag + " turns it off)";
            }
        }
        if (defaultValue != null) {
            d += "\n\t(default " + defaultValue + ")";
        } else {
            d += "\n\t(default from the preset)";
        }
        return d;
    }

    /**
     * Parses a command-line or text value. The range is not checked here (see {@link OptionValues#validate()}).
     *
     * @param text the text
     * @return the value, of this option's type
     * @throws IllegalArgumentException naming the option when the text is not a value of its type (a malformed
     *                                  number, an unknown choice)
     */
    public Object parse(String text) {
        try {
            Object v = switch (kind) {
                case INT -> Integer.parseInt(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case BOOLEAN -> parseBoolean(text);
                case CHOICE -> choiceName(text);
                case STRING -> text;
            };
            return normalize(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + name + " (-" + flag + "): '" + text + "' is not a "
                    + (kind == Kind.INT ? "whole number" : "number"), e);
        }
    }

    private Boolean parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw new IllegalArgumentException("Option " + name + ": '" + text + "' is not true or false");
    }

    private String choiceName(String text) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Option " + name + " (-" + flag + "): '" + text + "' is not one of "
                + choices);
    }

    /**
     * Checks a value of this option: its type and its range.
     *
     * @param value the value
     * @return the value, normalised (a choice name in its defined spelling; a Number converted to the option's type)
     * @throws IllegalArgumentException naming the option, the value and the valid range in words when it is not
     *                                  valid
     */
    public Object validate(Object value) {
        Object v = normalize(value);
        String error = rangeError(v);
        if (error != null) {
            throw new IllegalArgumentException(describeError(error));
        }
        return v;
    }

    /**
     * Checks a value's type only (not its range), as bean setters and command-line parsing do: an out-of-range
     * number is stored and reported by {@link OptionValues#validate()} when the classifier is built.
     *
     * @param value the value
     * @return the value, normalised (a choice name in its defined spelling; a Number converted to the option's type)
     * @throws IllegalArgumentException naming the option when the value has the wrong type, or is not one of a
     *                                  choice option's names
     */
    public Object normalize(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Option " + name + " must not be null");
        }
        switch (kind) {
            case INT -> {
                if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
                    throw typeError(value, "an integer");
                }
                long v = ((Number) value).longValue();
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(describeError(rangeError(v)));
                }
                return (int) v;
            }
            case DOUBLE -> {
                if (!(value instanceof Number n)) {
                    throw typeError(value, "a number");
                }
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw typeError(value, "true or false");
                }
                return value;
            }
            case CHOICE -> {
                return choiceName(value.toString());
            }
            default -> {
                if (!(value instanceof String)) {
                    throw typeError(value, "text");
                }
                return value;
            }
        }
    }

    /**
     * Whether a (normalised) value lies outside this option's range, and how.
     *
     * @param value a value of this option's type
     * @return null when the value is in range, else what is wrong without the option's name, e.g.
     *         {@code "must be > 0, got 0.0"}
     */
    public String rangeError(Object value) {
        if (kind == Kind.INT) {
            long v = ((Number) value).longValue();
            return v < min || v > max ? "must be " + rangeInWords() + ", got " + v : null;
        }
        if (kind == Kind.DOUBLE) {
            double v = ((Number) value).doubleValue();
            boolean ok = Double.isFinite(v) && (minExclusive ? v > min : v >= min)
                    && (maxExclusive ? v < max : v <= max);
            if (ok) {
                return null;
            }
            return "must be " + (Double.isFinite(v) ? "" : "a finite number ") + rangeInWords() + ", got " + v;
        }
        return null;
    }

    /**
     * The valid range of a numeric option in words, e.g. {@code "> 0"}, {@code ">= 1"}, {@code "in (0, 10]"} or
     * {@code "in [1, 30]"}; an option without bounds gives {@code "any whole number"} or {@code "any number"}.
     *
     * @return the range (empty for options that are not numeric)
     */
    public String rangeInWords() {
        if (kind != Kind.INT && kind != Kind.DOUBLE) {
            return "";
        }
        boolean lower = kind == Kind.INT ? min > Integer.MIN_VALUE : min > -Double.MAX_VALUE;
        boolean upper = kind == Kind.INT ? max < Integer.MAX_VALUE : max < Double.MAX_VALUE;
        if (lower && upper) {
            return "in " + (minExclusive ? "(" : "[") + number(min) + ", " + number(max) + (maxExclusive ? ")" : "]");
        }
        if (lower) {
            return (minExclusive ? "> " : ">= ") + number(min);
        }
        if (upper) {
            return (maxExclusive ? "< " : "<= ") + number(max);
        }
        return kind == Kind.INT ? "any whole number" : "any number";
    }

    /** A bound as people write it: 0 rather than 0.0, 0.5 as it is. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }

    /** "Option name (-flag) " + what is wrong. */
    private String describeError(String error) {
        return "Option " + name + (flag != null ? " (-" + flag + ")" : "") + " " + error;
    }

    private IllegalArgumentException typeError(Object value, String what) {
        return new IllegalArgumentException("Option " + name + " must be " + what + ", got " + value + " ("
                + value.getClass().getSimpleName() + ")");
    }

    @Override
    public String toString() {
        return name + " (" + synopsis() + ")";
    }
}
