package dev.gatehouse.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP response as {@link EdgeClient} received it, the body as sent. Header names are lower case. */
public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Reply {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Map.copyOf(lower);
    }

    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The media type without parameters, or "" when there is none. */
    public String mediaType() {
        return header("content-type").map(type -> type.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The body as text, uncompressed first when it came gzip-encoded. */
    public String text() {
        return new String(decodedBody(), StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(decodedBody());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + status + "): " + text(), e);
        }
    }

    public boolean gzipped() {
        return header("content-encoding").filter("gzip"::equalsIgnoreCase).isPresent();
    }

    private byte[] decodedBody() {
        if (!gzipped()) {
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Body is not valid gzip", e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers + "\n" + new String(body, StandardCharsets.UTF_8);
    }
}
