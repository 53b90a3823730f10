package dev.gatehouse.saml;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** SAML on, against the test identity provider's metadata file. */
public class SamlProfile implements QuarkusTestProfile {

    static final String LABEL = "Corp SAML";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gatehouse.saml.idp-metadata", TestIdp.metadataFile().toString(),
                "gatehouse.saml.label", LABEL,
                "gatehouse.saml.role-map", "idp-admins=admin,idp-editors=editor");
    }
}
