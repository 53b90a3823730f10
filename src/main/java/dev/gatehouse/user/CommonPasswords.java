package dev.gatehouse.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A set of common and breached passwords, compared case-insensitively. The entries are kept lower-cased
 * as UTF-8 in one sorted byte array with an offset table and searched by bisection: the bundled list of
 * about 143,000 entries takes under 2 MB instead of the 10 MB or so of a {@code HashSet<String>}.
 */
public final class CommonPasswords {

    /** The bundled list on the class path: gzip, one password per line (see the NOTICE beside it). */
    public static final String RESOURCE = "gatehouse/common-passwords.txt.gz";

    private static final Object LOCK = new Object();
    private static volatile CommonPasswords bundled;

    private final byte[] blob;
    // Entry i is blob[offsets[i]] .. blob[offsets[i + 1] - 1]
    private final int[] offsets;

    private CommonPasswords(byte[] blob, int[] offsets) {
        this.blob = blob;
        this.offsets = offsets;
    }

    /** The bundled list, read on first use and kept for the life of the process. */
    public static CommonPasswords bundled() {
        CommonPasswords list = bundled;
        if (list == null) {
            synchronized (LOCK) {
                list = bundled;
                if (list == null) {
                    list = readBundled();
                    bundled = list;
                }
            }
        }
        return list;
    }

    private static CommonPasswords readBundled() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The bundled password list " + RESOURCE + " is missing from the class path");
            }
            return readGzip(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled password list " + RESOURCE + " cannot be read", e);
        }
    }

    /** Reads a gzip-compressed list, one password per line; empty lines are skipped. Does not close the stream. */
    public static CommonPasswords readGzip(InputStream gzip) throws IOException {
        List<String> entries = new ArrayList<>(150_000);
        BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzip, 64 * 1024),
                StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isEmpty()) {
                entries.add(line);
            }
        }
        return of(entries);
    }

    /** A set of the given passwords; duplicates, also ones differing only in case, count once. */
    public static CommonPasswords of(Collection<String> passwords) {
        byte[][] keys = new byte[passwords.size()][];
        int count = 0;
        for (String password : passwords) {
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("A password list holds no null or empty entries");
            }
            keys[count++] = key(password);
        }
        Arrays.sort(keys, 0, count, Arrays::compareUnsigned);
        int distinct = 0;
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || !Arrays.equals(keys[distinct - 1], keys[i])) {
                keys[distinct++] = keys[i];
                bytes += keys[i].length;
            }
        }
        byte[] blob = new byte[bytes];
        int[] offsets = new int[distinct + 1];
        int position = 0;
        for (int i = 0; i < distinct; i++) {
            offsets[i] = position;
            System.arraycopy(keys[i], 0, blob, position, keys[i].length);
            position += keys[i].length;
        }
        offsets[distinct] = position;
        return new CommonPasswords(blob, offsets);
    }

    /** True when the password, ignoring case, is in the set. */
    public boolean contains(String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        byte[] key = key(password);
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(blob, offsets[middle], offsets[middle + 1], key, 0, key.length);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The number of distinct entries. */
    public int size() {
        return offsets.length - 1;
    }

    private static byte[] key(String password) {
        return password.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CommonPasswords[" + size() + " entries]";
    }
}
