package dev.gatehouse.saml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.sso.ProviderIdentity;
import dev.gatehouse.sso.RoleMapping;
import dev.gatehouse.user.EmailAddress;

/**
 * The person an assertion names, as Gatehouse's single sign-on landing takes it. Accounts are keyed by
 * (identity provider entity id, NameID): the account is {@code saml:<subject>} where the subject is
 * the NameID followed by {@code |} and the first 16 hex digits of the SHA-256 of the entity id
 * ({@code saml:alice@example.com|3f2a9c1d0b7e4a55}), so that the name stays readable for the
 * applications behind Gatehouse, while the same NameID from another identity provider (after
 * {@code GATEHOUSE_SAML_IDP_METADATA} points elsewhere) lands on another account, never on this one. A
 * NameID with characters account names cannot hold (or longer than 100) is replaced by the SHA-256 of
 * entity id and NameID together ({@code saml:h=<64 hex>}); the two forms never meet, as only the first
 * has a {@code |}. Use a persistent (or username / e-mail) NameID format: a transient one makes a new
 * account at every sign-in.
 */
final class SamlIdentity {

    static final String ORIGIN = "saml";
    private static final Pattern READABLE = Pattern.compile("[A-Za-z0-9._@+=-]{1,100}");
    private static final int MAX_NAME = 100;

    private SamlIdentity() {
    }

    static String subject(String idpEntityId, String nameId) {
        if (READABLE.matcher(nameId).matches()) {
            return nameId + "|" + Digests.sha256Hex(idpEntityId).substring(0, 16);
        }
        return "h=" + Digests.sha256Hex(idpEntityId + "\n" + nameId);
    }

    static ProviderIdentity of(AssertionRules.Facts facts, SamlConfig config, RoleMapping roles) {
        Map<String, List<String>> attributes = facts.attributes();
        SamlConfig.Attributes names = config.attribute();
        Optional<String> email = first(attributes, names.email()).flatMap(EmailAddress::parse);
        String full = (first(attributes, names.firstName()).orElse("") + " " + first(attributes, names.lastName()).orElse("")).strip();
        Optional<String> name = Optional.of(full)
                .filter(text -> !text.isEmpty() && text.length() <= MAX_NAME && text.codePoints().noneMatch(Character::isISOControl));
        return new ProviderIdentity(subject(facts.issuer(), facts.nameId()), email, config.trustEmail() && email.isPresent(), name,
                roles.rolesForGroups(attributes.getOrDefault(names.role(), List.of())), Optional.empty());
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        return attributes.getOrDefault(name, List.of()).stream().findFirst();
    }
}
