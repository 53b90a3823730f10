package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "127.0.0.1/32, 127.0.0.2, false",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5, false",
            "::1, ::1, true",
            "::1, 127.0.0.1, false",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false" })
    void matchesByPrefix(String range, String address, boolean expected) {
        InetAddress candidate = AddressRange.literal(address).orElseThrow();
        assertEquals(expected, AddressRange.parse(range).contains(candidate));
    }

    @ParameterizedTest(name = "refuses the range {0}")
    @ValueSource(strings = { "10.0.0.0/33", "10.0.0.0/-1", "::/129", "10.0.0.0/x", "10.0.0.0/", "dead.beef", "localhost",
            "example.org/8", "", "1.2.3", "10.0.0.0/8/8" })
    void refusesWhatIsNotARange(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @ParameterizedTest(name = "{0} is no literal, so it is never looked up")
    @ValueSource(strings = { "dead.beef", "localhost", "cafe", "gatehouse.example", "1.2.3.4.5", "" })
    void namesAreNotAddresses(String text) {
        assertTrue(AddressRange.literal(text).isEmpty());
    }
}
