package dev.gatehouse.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@link EdgeClient} sends, exactly so: a method, a path (not normalised), headers in order
 * (a name given twice goes out twice) and a body, or null for none.
 */
public record Request(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Request {
        headers = List.copyOf(headers);
    }

    public static Request get(String path) {
        return new Request("GET", path, List.of(), null);
    }

    public static Request post(String path, String contentType, byte[] body) {
        return new Request("POST", path, List.of(Map.entry("Content-Type", contentType)), body);
    }

    /** POST with a JSON body made from the given object (a Map, a record...). */
    public static Request postJson(String path, Object body) {
        try {
            return post(path, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** PUT with a JSON body. */
    public static Request put(String path, Object body) {
        Request post = postJson(path, body);
        return new Request("PUT", path, post.headers(), post.body());
    }

    public static Request delete(String path) {
        return new Request("DELETE", path, List.of(), null);
    }

    public static Request login(String username, String password) {
        return postJson("/auth/login", Map.of("username", username, "password", password));
    }

    public Request header(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Request(method, path, more, body);
    }

    public Request basicAuth(String username, String password) {
        String pair = username + ":" + password;
        return header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    public Request bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
