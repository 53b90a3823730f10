package dev.gatehouse.regulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The Lua scripts address keys and limits by position; these pin the positions down. */
class RegulationKeysTest {

    private final RegulationConfig config = new SmallRyeConfigBuilder().withMapping(RegulationConfig.class).build()
            .getConfigMapping(RegulationConfig.class);
    private final Regulation regulation = new Regulation(config, null, null, new SimpleMeterRegistry());

    @Test
    void scopesComeInTheOrderIpUserAndAddressUser() {
        List<Attempt.Scope> scopes = regulation.scopes("ada", "203.0.113.7", false);
        assertEquals(List.of("ip", "user_ip", "user"), scopes.stream().map(Attempt.Scope::name).toList());
    }

    @Test
    void keysAlternateBanAndCounterPerScope() {
        List<String> args = Regulation.evalArguments("return 0", regulation.scopes("ada", "203.0.113.7", false));
        assertEquals("return 0", args.get(0));
        assertEquals("6", args.get(1), "number of keys");
        assertEquals(List.of(
                "gatehouse:regulation:ban:ip:203.0.113.7", "gatehouse:regulation:count:ip:203.0.113.7",
                "gatehouse:regulation:ban:user-ip:ada|203.0.113.7", "gatehouse:regulation:count:user-ip:ada|203.0.113.7",
                "gatehouse:regulation:ban:user:ada", "gatehouse:regulation:count:user:ada"), args.subList(2, 8));
    }

    @Test
    void limitsFollowTheKeysAsMaxFindBanPerScope() {
        List<String> argv = Regulation.evalArguments("return 0", regulation.scopes("ada", "203.0.113.7", false)).subList(8, 17);
        assertEquals(String.valueOf(config.ipMaxFailures()), argv.get(0));
        assertEquals(String.valueOf(config.ipFindTime().toMillis()), argv.get(1));
        assertEquals(String.valueOf(config.ipBanTime().toMillis()), argv.get(2));
        assertEquals(String.valueOf(config.userIpMaxFailures()), argv.get(3));
        assertEquals(String.valueOf(config.userMaxFailures()), argv.get(6));
        assertEquals(String.valueOf(config.userBanTime().toMillis()), argv.get(8));
    }

    @Test
    void fromAFamiliarAddressThePerUserScopeIsLeftOutAndKeyFourStaysTheAddressUserCounter() {
        List<Attempt.Scope> scopes = regulation.scopes("ada", "203.0.113.7", true);
        assertEquals(List.of("ip", "user_ip"), scopes.stream().map(Attempt.Scope::name).toList());
        assertEquals("gatehouse:regulation:count:user-ip:ada|203.0.113.7", Regulation.evalArguments("", scopes).get(5));
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64() {
        assertEquals("2001:db8:0:7::/64", RegulatedAddress.of("2001:db8:0:7:abcd::1"));
        assertEquals("2001:db8:0:7::/64", RegulatedAddress.of("2001:0db8:0000:0007:ffff:ffff:ffff:ffff"));
        assertEquals("203.0.113.7", RegulatedAddress.of("203.0.113.7"));
        assertEquals("unix", RegulatedAddress.of("unix"));
    }

    @Test
    void releaseClearsTheAddressUserCounterWhichIsKeyFour() {
        List<String> args = Regulation.evalArguments(Regulation.RELEASE, regulation.scopes("ada", "203.0.113.7", false));
        assertTrue(Regulation.RELEASE.contains("redis.call('DEL', KEYS[4])"));
        assertEquals("gatehouse:regulation:count:user-ip:ada|203.0.113.7", args.get(2 + 3), "KEYS[4]");
    }
}
