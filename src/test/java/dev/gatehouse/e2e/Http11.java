package dev.gatehouse.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain HTTP/1.1 over any byte stream, one request per connection ({@code Connection: close}).
 * For the connections java.net.http cannot make: from a chosen source address, over a Unix socket.
 */
final class Http11 {

    private Http11() {
    }

    static Reply exchange(InputStream in, OutputStream out, String host, Request request) throws IOException {
        write(out, host, request);
        return read(in.readAllBytes(), request.method());
    }

    private static void write(OutputStream out, String host, Request request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.body() != null) {
            out.write(request.body());
        }
        out.flush();
    }

    static Reply read(byte[] raw, String method) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("Incomplete response (" + raw.length + " bytes): "
                    + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.x status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if (method.equals("HEAD")) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            body = Arrays.copyOf(body, Math.min(body.length, Integer.parseInt(headers.get("content-length").get(0))));
        }
        return new Reply(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, at);
            if (lineEnd < 0) {
                throw new IOException("Truncated chunked body");
            }
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeField, 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer: for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
