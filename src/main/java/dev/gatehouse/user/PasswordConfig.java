package dev.gatehouse.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How passwords are hashed. */
@ConfigMapping(prefix = "gatehouse.password")
public interface PasswordConfig {

    /**
     * bcrypt cost factor (log2 rounds), 4 to 31. Default 12: about a quarter of a second per check on
     * a small server. Raising it slows offline cracking of a stolen database and slows every login;
     * stored hashes are upgraded to the new cost on the next successful login.
     */
    @WithDefault("12")
    int bcryptCost();
}
