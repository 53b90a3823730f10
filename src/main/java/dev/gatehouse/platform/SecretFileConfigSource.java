package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@code NAME_FILE=/path} gives {@code NAME} the file's contents (without a final newline), for the
 * secrets in {@link #SECRETS}: systemd's {@code LoadCredential=} hands secrets over as files, and a
 * file keeps them out of the process environment. A variable set directly wins over its file.
 * Single sign-on providers' client secrets, {@code GATEHOUSE_SSO_OIDC_<NAME>_CLIENT_SECRET_FILE} and
 * {@code GATEHOUSE_SSO_OAUTH2_<NAME>_CLIENT_SECRET_FILE}, come from files too; they are given as
 * {@code gatehouse.sso.oidc.<name>.client-secret} (or {@code oauth2}; the name in lower case), since the
 * provider's name is known only from the variable.
 * An unreadable file stops the start with a message naming the variable and the path, never the
 * contents.
 */
public class SecretFileConfigSource implements ConfigSource {

    /** The variables that may come from a file. */
    static final List<String> SECRETS = List.of("API_ADMIN_PASS", "GATEHOUSE_REDIS_PASSWORD", "SMTP_PASSWORD",
            "QUARKUS_MAILER_PASSWORD", "GATEHOUSE_CAPTCHA_SECRET", "GATEHOUSE_OTP_SECRET", "BASIC_AUTH_PASS",
            "GATEHOUSE_LDAP_BIND_PASSWORD");

    /**
     * {@code GATEHOUSE_SSO_OIDC_<NAME>_CLIENT_SECRET_FILE} or {@code GATEHOUSE_SSO_OAUTH2_<NAME>_CLIENT_SECRET_FILE}:
     * the kind is group 1, the provider's name group 2.
     */
    static final Pattern SSO_CLIENT_SECRET = Pattern.compile("GATEHOUSE_SSO_(OIDC|OAUTH2)_([A-Z0-9]+)_CLIENT_SECRET_FILE");

    private final Map<String, String> values;

    public SecretFileConfigSource() {
        this(System::getenv, System.getenv().keySet());
    }

    SecretFileConfigSource(Function<String, String> environment) {
        this(environment, Set.of());
    }

    /** {@code names}: every variable set, among which the providers' secret files are found. */
    SecretFileConfigSource(Function<String, String> environment, Set<String> names) {
        Map<String, String> read = new HashMap<>();
        for (String name : SECRETS) {
            String file = environment.apply(name + "_FILE");
            if (file != null && !file.isBlank() && environment.apply(name) == null) {
                read.put(name, read(name + "_FILE", Path.of(file)));
            }
        }
        for (String variable : names) {
            Matcher provider = SSO_CLIENT_SECRET.matcher(variable);
            if (!provider.matches()) {
                continue;
            }
            String direct = variable.substring(0, variable.length() - "_FILE".length());
            String file = environment.apply(variable);
            if (file != null && !file.isBlank() && environment.apply(direct) == null) {
                read.put("gatehouse.sso." + provider.group(1).toLowerCase(Locale.ROOT) + "."
                        + provider.group(2).toLowerCase(Locale.ROOT) + ".client-secret",
                        read(variable, Path.of(file)));
            }
        }
        this.values = Map.copyOf(read);
    }

    private static String read(String variable, Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(variable + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "gatehouse-secret-files";
    }

    /** Just below the environment (300): a variable set directly wins. */
    @Override
    public int getOrdinal() {
        return 295;
    }
}
