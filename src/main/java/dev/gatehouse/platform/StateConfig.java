package dev.gatehouse.platform;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Gatehouse keeps the files it generates itself. */
@ConfigMapping(prefix = "gatehouse.state")
public interface StateConfig {

    /**
     * Directory for generated signing keys. Default: systemd's {@code $STATE_DIRECTORY}, else
     * {@code /var/lib/gatehouse}. Gatehouse creates it with mode 0700 and writes every file in it
     * with mode 0600: whoever can read it can mint tokens for any user.
     */
    @WithDefault("${STATE_DIRECTORY:/var/lib/gatehouse}")
    Path dir();
}
