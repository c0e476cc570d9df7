package org.hybridqml.options;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered options of one classifier, independent of any platform, with Weka-style command-line handling that
 * every adapter shares: {@link #parse} reads {@code -flag value} pairs and flags from a {@code String[]}, blanking
 * what it consumed (as Weka's {@code Utils.getOption} does, so the caller can pass the rest to its superclass and
 * check for leftovers), and resets every option it does not find to its default; {@link #toArgs} writes the
 * options back so that parsing them gives the same values.
 *
 * <p>Options are parsed in declaration order, so a preset choice declared before the options it controls sets
 * their values first and explicit flags then override them.
 */
public final class OptionSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<OptionDef> options;
    private final Map<String, OptionDef> byName;

    private OptionSpec(List<OptionDef> options) {
        this.options = List.copyOf(options);
        Map<String, OptionDef> map = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (OptionDef d : this.options) {
            if (map.put(d.name(), d) != null) {
                throw new IllegalArgumentException("duplicate option name " + d.name());
            }
            for (String f : Arrays.asList(d.flag(), d.trueFlag())) {
                if (f != null) {
                    if (flags.contains(f)) {
                        throw new IllegalArgumentException("duplicate flag -" + f);
                    }
                    flags.add(f);
                }
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        for (OptionDef d : this.options) {
            if (d.presetControlled() && presetSetting(d.name()) == null) {
                throw new IllegalArgumentException("option " + d.name() + " has no default and no earlier preset "
                        + "option sets it");
            }
            for (Map<String, Object> values : d.presets().values()) {
                for (Map.Entry<String, Object> e : values.entrySet()) {
                    get(e.getKey()).validate(e.getValue());
                }
            }
        }
    }

    /**
     * @param options the options, in parsing (and display) order
     * @return the spec
     * @throws IllegalArgumentException on duplicate names or flags, or a preset-controlled option no earlier preset
     *                                  sets
     */
    public static OptionSpec of(OptionDef... options) {
        return new OptionSpec(Arrays.asList(options));
    }

    /**
     * @param more options to append
     * @return a spec with these options after this spec's
     */
    public OptionSpec plus(OptionDef... more) {
        List<OptionDef> all = new ArrayList<>(options);
        all.addAll(Arrays.asList(more));
        return new OptionSpec(all);
    }

    /**
     * @param replacement an option with the name of an existing one
     * @return a spec with that option replaced (same position)
     */
    public OptionSpec with(OptionDef replacement) {
        List<OptionDef> all = new ArrayList<>(options);
        all.set(all.indexOf(get(replacement.name())), replacement);
        return new OptionSpec(all);
    }

    /** The preset option that sets {@code name}, declared before it, or null. */
    private OptionDef presetSetting(String name) {
        for (OptionDef d : options) {
            if (d.name().equals(name)) {
                return null;
            }
            if (!d.presets().isEmpty() && d.presets().values().stream().allMatch(m -> m.containsKey(name))) {
                return d;
            }
        }
        return null;
    }

    /** @return the options in order */
    public List<OptionDef> options() {
        return options;
    }

    /**
     * @param name a bean property name
     * @return its option
     * @throws IllegalArgumentException when there is none
     */
    public OptionDef get(String name) {
        OptionDef d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown option '" + name + "'; known: " + byName.keySet());
        }
        return d;
    }

    /**
     * @param name a bean property name
     * @return its tip text
     */
    public String tip(String name) {
        return get(name).tip();
    }

    /** @return fresh values, every option at its default */
    public OptionValues defaults() {
        OptionValues v = new OptionValues(this);
        resetToDefaults(v);
        return v;
    }

    /** Sets every option of {@code v} to its default, presets first applied in order. */
    void resetToDefaults(OptionValues v) {
        for (OptionDef d : options) {
            if (!d.presetControlled()) {
                v.set(d.name(), d.defaultValue());
            }
        }
    }

    /**
     * Reads the options from Weka-style arguments into {@code into}: each option whose flag is present takes its
     * value (the flag and value are replaced by empty strings in {@code args}); every other option goes back to its
     * default. Arguments after {@code --} are not looked at. Ranges are not checked here but by
     * {@link OptionValues#validate()} when the classifier is built (as with values set in an option editor).
     *
     * @param args the arguments (modified: consumed entries become {@code ""})
     * @param into the values to set
     * @throws IllegalArgumentException naming the option on a missing or malformed value
     */
    public void parse(String[] args, OptionValues into) {
        Objects.requireNonNull(args, "args");
        if (into.spec() != this) {
            throw new IllegalArgumentException("values belong to another option spec");
        }
        resetToDefaults(into);
        for (OptionDef d : options) {
            if (d.kind() == OptionDef.Kind.BOOLEAN) {
                boolean setTrue = d.trueFlag() != null && takeFlag(args, d.trueFlag());
                boolean setFalse = d.flag() != null && takeFlag(args, d.flag());
                if (setTrue && setFalse) {
                    throw new IllegalArgumentException("Options -" + d.trueFlag() + " and -" + d.flag()
                            + " contradict each other");
                }
                if (setTrue || setFalse) {
                    into.store(d.name(), setTrue);
                }
            } else {
                String text = takeValue(args, d.flag());
                if (text != null) {
                    into.store(d.name(), d.parse(text));
                }
            }
        }
    }

    private static int end(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ("--".equals(args[i])) {
                return i;
            }
        }
        return args.length;
    }

    private static boolean takeFlag(String[] args, String flag) {
        int end = end(args);
        for (int i = 0; i < end; i++) {
            if (("-" + flag).equals(args[i])) {
                args[i] = "";
                return true;
            }
        }
        return false;
    }

    private static String takeValue(String[] args, String flag) {
        int end = end(args);
        for (int i = 0; i < end; i++) {
            if (("-" + flag).equals(args[i])) {
                if (i + 1 >= end) {
                    throw new IllegalArgumentException("No value given for -" + flag + " option.");
                }
                String v = args[i + 1];
                args[i] = "";
                args[i + 1] = "";
                return v;
            }
        }
        return null;
    }

    /**
     * Writes the values as arguments that {@link #parse} turns back into the same values: every valued option
     * (an empty text option is left out), and a boolean's flag only where its value differs from what parsing
     * would give without it (the default, or the preceding preset's value).
     *
     * @param values the values
     * @return the arguments
     */
    public List<String> toArgs(OptionValues values) {
        List<String> out = new ArrayList<>();
        for (OptionDef d : options) {
            Object v = values.get(d.name());
            switch (d.kind()) {
                case BOOLEAN -> {
                    Object reference = d.presetControlled() ? presetValue(values, d.name()) : d.defaultValue();
                    if (!v.equals(reference)) {
                        String f = (Boolean) v ? d.trueFlag() : d.flag();
                        if (f == null) {
                            throw new IllegalStateException("option " + d.name() + " = " + v
                                    + " cannot be written: it has no flag for that value");
                        }
                        out.add("-" + f);
                    }
                }
                case STRING -> {
                    if (!v.toString().isEmpty()) {
                        out.add("-" + d.flag());
                        out.add(v.toString());
                    }
                }
                default -> {
                    out.add("-" + d.flag());
                    out.add(v.toString());
                }
            }
        }
        return out;
    }

    /**
     * A platform's whole option array: {@link #toArgs} of the values followed by the options the platform's own
     * superclass writes (seed, debug flags and the like), as a Weka-style {@code getOptions()} returns them.
     *
     * @param values    the values
     * @param inherited the options written by the platform for itself, appended as given
     * @return the arguments
     */
    public String[] toOptions(OptionValues values, String... inherited) {
        List<String> out = toArgs(values);
        out.addAll(Arrays.asList(inherited));
        return out.toArray(new String[0]);
    }

    /** The value the preset chosen in {@code values} gives option {@code name}. */
    private Object presetValue(OptionValues values, String name) {
        OptionDef preset = presetSetting(name);
        return preset.presets().get(values.getString(preset.name())).get(name);
    }
}
