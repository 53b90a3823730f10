package dev.gatehouse.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTML page read once from the classpath, with {@code {{name}}} slots. Values are markup: callers
 * escape text with {@link Html#escape}. Slots known at start are filled once ({@link #fill}); the rest
 * per request ({@link #render}), which then only joins strings.
 */
final class PageTemplate {

    private final String name;
    private final List<String> literals;
    private final List<String> slots;

    private PageTemplate(String name, List<String> literals, List<String> slots) {
        this.name = name;
        this.literals = List.copyOf(literals);
        this.slots = List.copyOf(slots);
    }

    static PageTemplate load(String resource) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing page template " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PageTemplate parse(String name, String text) {
        List<String> literals = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        int from = 0;
        for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
            int close = text.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalStateException(name + ": unclosed {{ at " + open);
            }
            literals.add(text.substring(from, open));
            slots.add(text.substring(open + 2, close).trim());
            from = close + 2;
        }
        literals.add(text.substring(from));
        return new PageTemplate(name, literals, slots);
    }

    /** The slots that remain to be filled. */
    List<String> slots() {
        return slots;
    }

    /** Fills the slots named in {@code values}, leaving the others for later. */
    PageTemplate fill(Map<String, String> values) {
        List<String> newLiterals = new ArrayList<>();
        List<String> newSlots = new ArrayList<>();
        StringBuilder current = new StringBuilder(literals.get(0));
        for (int i = 0; i < slots.size(); i++) {
            String value = values.get(slots.get(i));
            if (value != null) {
                current.append(value);
            } else {
                newLiterals.add(current.toString());
                newSlots.add(slots.get(i));
                current.setLength(0);
            }
            current.append(literals.get(i + 1));
        }
        newLiterals.add(current.toString());
        return new PageTemplate(name, newLiterals, newSlots);
    }

    /** The page, with every remaining slot filled from {@code values}. */
    String render(Map<String, String> values) {
        StringBuilder page = new StringBuilder(literals.stream().mapToInt(String::length).sum() + 256);
        page.append(literals.get(0));
        for (int i = 0; i < slots.size(); i++) {
            String value = values.get(slots.get(i));
            if (value == null) {
                throw new IllegalStateException(name + ": no value for {{" + slots.get(i) + "}}");
            }
            page.append(value).append(literals.get(i + 1));
        }
        return page.toString();
    }
}
