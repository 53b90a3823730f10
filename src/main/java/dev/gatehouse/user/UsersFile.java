package dev.gatehouse.user;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * The users database of {@code GATEHOUSE_USERS_FILE}, YAML as in Authelia's file backend:
 *
 * <pre>
 * users:
 *   alice:
 *     password: "plain text"          # or
 *     password_hash: "$2y$12$..."      # bcrypt; exactly one of the two
 *     roles: [admin, mod]             # or a single role; none when left out
 *     email: alice@example.com        # optional
 *     displayname: "Alice A."         # optional
 *     disabled: false                 # optional, false by default
 * </pre>
 *
 * <p>The YAML is composed into SnakeYAML's node tree and read by hand: nothing is instantiated from the
 * document, no class is looked up by reflection (native builds need no registration), and every value
 * is taken as the exact text that was written, so {@code password: 0123} is {@code "0123"}, not 83, and
 * {@code disabled: yes} is an error rather than true.
 *
 * <p>Every problem is an {@link IllegalArgumentException} with a one-line message that starts with the
 * variable and the path and names the entry; no message ever contains a password or a hash.
 */
public final class UsersFile {

    /** The environment variable that names the file. */
    public static final String VARIABLE = "GATEHOUSE_USERS_FILE";
    /** The largest file read, far more than thousands of accounts need. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    static final String PASSWORD = "password";
    static final String PASSWORD_HASH = "password_hash";
    static final String ROLES = "roles";
    static final String EMAIL = "email";
    static final String DISPLAY_NAME = "displayname";
    static final String DISABLED = "disabled";
    static final List<String> FIELDS = List.of(PASSWORD, PASSWORD_HASH, ROLES, EMAIL, DISPLAY_NAME, DISABLED);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9._-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    // The dot-atom form of RFC 5322 in ASCII: the address goes into the Remote-Email header.
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_DISPLAY_NAME_LENGTH = 128;
    // Scalar tags whose written text is taken as is; a null is an absent value; anything else is refused.
    private static final Set<Tag> TEXT_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP);
    // Problems SnakeYAML states without quoting the document, so they may be shown.
    private static final List<String> PLAIN_SCANNER_PROBLEMS = List.of("mapping values are not allowed here",
            "found unexpected end of stream", "could not find expected ':'");
    private static final String QUOTING_HINT = "quote values that contain ': ' or ' #' or start with one of"
            + " - ? : , [ ] { } # & * ! | > ' \" % @ `";

    private UsersFile() {
    }

    /**
     * Reads and validates the file.
     *
     * @return the accounts in the order of the file
     * @throws IllegalArgumentException when the file is missing, unreadable, not YAML or not valid
     */
    public static List<DeclaredAccount> read(Path path) {
        Objects.requireNonNull(path, "path");
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw invalid(source, "is a directory, not a file");
        }
        byte[] bytes;
        try {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw invalid(source, "is not a regular file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw invalid(source, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw invalid(source, "does not exist");
        } catch (AccessDeniedException e) {
            throw invalid(source, "cannot be read: permission denied");
        } catch (IOException e) {
            throw invalid(source, "cannot be read: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid(source, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(source, "is not UTF-8 text");
        }
        return parse(text, source);
    }

    /**
     * Validates YAML text.
     *
     * @param source what messages name after the variable, usually the path
     */
    public static List<DeclaredAccount> parse(String yaml, String source) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(source, "source");
        Node root = compose(yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml, source);
        if (root == null || isNull(root)) {
            throw invalid(source, "is empty; it must hold a 'users:' mapping");
        }
        if (!(root instanceof MappingNode rootMapping)) {
            throw invalid(source, "must be a mapping with the single key 'users'");
        }
        Node users = null;
        for (NodeTuple tuple : rootMapping.getValue()) {
            String key = keyText(tuple.getKeyNode());
            if (!"users".equals(key)) {
                throw invalid(source, "unknown key " + describeKey(tuple.getKeyNode(), rootMapping)
                        + "; the file holds only 'users'");
            }
            if (users != null) {
                throw invalid(source, "'users' is set twice");
            }
            users = tuple.getValueNode();
        }
        if (users == null) {
            throw invalid(source, "has no 'users' mapping");
        }
        if (isNull(users)) {
            return List.of();
        }
        if (!(users instanceof MappingNode usersMapping)) {
            throw invalid(source, "'users' must be a mapping of names to accounts");
        }
        List<DeclaredAccount> accounts = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (NodeTuple tuple : usersMapping.getValue()) {
            String name = keyText(tuple.getKeyNode());
            if (name == null || name.isEmpty()) {
                throw invalid(source, "the entry at line " + line(tuple.getKeyNode()) + " has no name");
            }
            String entry = "user '" + printable(name) + "'";
            if (!NAME.matcher(name).matches()) {
                throw invalid(source, entry + ": the name must be 1-64 letters, digits or . _ @ + -");
            }
            String before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (before != null) {
                throw invalid(source, before.equals(name) ? entry + " is declared twice"
                        : entry + ": differs from user '" + before + "' only in case");
            }
            accounts.add(account(source, entry, name, tuple.getValueNode()));
        }
        return List.copyOf(accounts);
    }

    private static DeclaredAccount account(String source, String entry, String name, Node node) {
        if (isNull(node)) {
            throw invalid(source, entry + ": has no settings; it needs a password or a password_hash");
        }
        if (!(node instanceof MappingNode mapping)) {
            throw invalid(source, entry + ": must be a mapping of " + String.join(", ", FIELDS));
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode());
            if (key == null || !FIELDS.contains(key)) {
                throw invalid(source, entry + ": unknown key " + describeKey(tuple.getKeyNode(), mapping)
                        + " (known: " + String.join(", ", FIELDS) + ")");
            }
            if (fields.putIfAbsent(key, tuple.getValueNode()) != null) {
                throw invalid(source, entry + ": " + key + " is set twice");
            }
        }
        Optional<String> password = text(source, entry, PASSWORD, fields.get(PASSWORD));
        Optional<String> hash = text(source, entry, PASSWORD_HASH, fields.get(PASSWORD_HASH));
        if (password.isPresent() && hash.isPresent()) {
            throw invalid(source, entry + ": password and password_hash are both set");
        }
        if (fields.containsKey(PASSWORD) && password.isEmpty()) {
            throw invalid(source, entry + ": password is empty");
        }
        if (fields.containsKey(PASSWORD_HASH) && hash.isEmpty()) {
            throw invalid(source, entry + ": password_hash is empty");
        }
        if (password.isEmpty() && hash.isEmpty()) {
            throw invalid(source, entry + ": neither password nor password_hash is set");
        }
        if (hash.isPresent() && !BCRYPT.matcher(hash.get()).matches()) {
            throw invalid(source, entry + ": password_hash is not a bcrypt hash"
                    + " ($2a$, $2b$ or $2y$, a cost from 04 to 31, then 53 characters of ./A-Za-z0-9)");
        }
        List<String> roles = roles(source, entry, fields.get(ROLES));
        Optional<String> email = text(source, entry, EMAIL, fields.get(EMAIL)).map(String::strip)
                .filter(value -> !value.isEmpty());
        if (email.isPresent() && (email.get().length() > MAX_EMAIL_LENGTH
                || !EMAIL_ADDRESS.matcher(email.get()).matches())) {
            throw invalid(source, entry + ": email is not a valid address (ASCII, name@domain, at most "
                    + MAX_EMAIL_LENGTH + " characters)");
        }
        Optional<String> displayName = text(source, entry, DISPLAY_NAME, fields.get(DISPLAY_NAME))
                .map(String::strip).filter(value -> !value.isEmpty());
        if (displayName.isPresent() && (displayName.get().codePointCount(0, displayName.get().length())
                > MAX_DISPLAY_NAME_LENGTH || hasControlCharacter(displayName.get()))) {
            throw invalid(source, entry + ": displayname must be at most " + MAX_DISPLAY_NAME_LENGTH
                    + " characters, without control characters");
        }
        boolean disabled = disabled(source, entry, fields.get(DISABLED));
        return new DeclaredAccount(name, password, hash, roles, email, displayName, disabled);
    }

    private static List<String> roles(String source, String entry, Node node) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        List<Node> items;
        if (node instanceof SequenceNode sequence) {
            items = sequence.getValue();
        } else if (node instanceof ScalarNode) {
            items = List.of(node);
        } else {
            throw invalid(source, entry + ": roles must be a role or a list of roles");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String what = items.size() == 1 && node instanceof ScalarNode ? "the role" : "role " + (i + 1);
            String role = text(source, entry, ROLES, items.get(i))
                    .map(value -> value.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> invalid(source, entry + ": " + what + " is empty"));
            if (!ROLE.matcher(role).matches()) {
                throw invalid(source, entry + ": " + what + " must be 1-64 letters, digits or . _ -"
                        + (role.contains(",") ? " (write several roles as a list: [admin, mod])" : ""));
            }
            roles.add(role);
        }
        return List.copyOf(roles);
    }

    private static boolean disabled(String source, String entry, Node node) {
        if (node == null) {
            return false;
        }
        String value = node instanceof ScalarNode scalar && !isNull(scalar) ? scalar.getValue().strip() : "";
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(source, entry + ": disabled must be true or false");
    }

    /** The written text of a scalar; empty for a missing or null value. */
    private static Optional<String> text(String source, String entry, String field, Node node) {
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw invalid(source, entry + ": " + field + " must be text, not a " + kind(node));
        }
        if (!TEXT_TAGS.contains(scalar.getTag())) {
            throw invalid(source, entry + ": " + field + " must be plain text without a YAML tag (quote it)");
        }
        return scalar.getValue().isEmpty() ? Optional.empty() : Optional.of(scalar.getValue());
    }

    private static Node compose(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_BYTES);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        try {
            return new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options)
                    .getSingleNode();
        } catch (ComposerException e) {
            if ("expected a single document in the stream".equals(e.getContext())) {
                throw invalid(source, "holds more than one YAML document");
            }
            if (e.getProblem() != null && e.getProblem().startsWith("Global tag is not allowed")) {
                throw invalid(source, "uses a YAML type tag" + at(e) + "; type tags are not allowed");
            }
            throw invalid(source, "is not valid YAML" + at(e));
        } catch (ScannerException e) {
            String problem = PLAIN_SCANNER_PROBLEMS.contains(e.getProblem()) ? ": " + e.getProblem()
                    : e.getProblem() != null && e.getProblem().startsWith("found character '\\t(TAB)'")
                            ? ": a tab, which YAML does not allow for indentation" : "";
            throw invalid(source, "is not valid YAML" + at(e) + problem + " (" + QUOTING_HINT + ")");
        } catch (ParserException e) {
            // The parser names token kinds, never the document's text, except for tag handles.
            String problem = e.getProblem() != null && !e.getProblem().contains("tag handle") ? ": " + e.getProblem() : "";
            throw invalid(source, "is not valid YAML" + at(e) + problem + " (" + QUOTING_HINT + ")");
        } catch (ReaderException e) {
            throw invalid(source, "holds a character that YAML does not allow" + at(yaml, e.getPosition()));
        } catch (MarkedYAMLException e) {
            throw invalid(source, "is not valid YAML" + at(e));
        } catch (YAMLException e) {
            // Limits (size, nesting, aliases) and the like; their messages quote no content.
            throw invalid(source, "is not valid YAML or exceeds a limit of the reader");
        }
    }

    /** Never the exception's own message: SnakeYAML quotes the offending line, which may be a password. */
    private static String at(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** The line and column of a position counted in code points. */
    private static String at(String text, int position) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < position && index < text.length(); i++) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return " at line " + line + ", column " + column;
    }

    private static String keyText(Node key) {
        if (key instanceof ScalarNode scalar && !isNull(scalar) && TEXT_TAGS.contains(scalar.getTag())) {
            return scalar.getValue();
        }
        return null;
    }

    /**
     * Names an unknown key when that cannot reveal a secret. In a flow mapping such as
     * {@code {password: abc,def}} the tail of an unquoted value becomes a key, so there only its line is given.
     */
    private static String describeKey(Node key, MappingNode mapping) {
        String text = keyText(key);
        boolean block = mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK;
        if (block && text != null && NAME.matcher(text).matches()) {
            return "'" + text + "'";
        }
        return "at line " + line(key);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "scalar";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static boolean hasControlCharacter(String text) {
        // Format characters such as bidirectional overrides are refused; the joiners of emoji are not.
        return text.codePoints().anyMatch(codePoint -> Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.FORMAT && codePoint != 0x200C && codePoint != 0x200D
                || Character.getType(codePoint) == Character.LINE_SEPARATOR
                || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR);
    }

    /** A name as written, with control characters escaped and cut at 64 characters, for messages. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(64).forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || codePoint == '\'') {
                out.append(String.format("\\u%04x", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        if (name.codePointCount(0, name.length()) > 64) {
            out.append("...");
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String source, String problem) {
        return new IllegalArgumentException(VARIABLE + " " + source + ": " + problem);
    }
}
