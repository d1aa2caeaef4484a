package dev.cloudwarden.engine.intel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IocValuesTest {

    @Test
    void valuesHaveOneCanonicalForm() {
        assertThat(IocValues.normalize(IocType.ADDRESS, " 203.0.113.7 ")).isEqualTo("203.0.113.7");
        assertThat(IocValues.normalize(IocType.ADDRESS, "198.51.100.77/24")).isEqualTo("198.51.100.0/24");
        assertThat(IocValues.normalize(IocType.ADDRESS, "203.0.113.7/32")).isEqualTo("203.0.113.7");
        assertThat(IocValues.normalize(IocType.ADDRESS, "::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(IocValues.normalize(IocType.ADDRESS, "2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(IocValues.normalize(IocType.DOMAIN, "Pool.SupportXMR.com.")).isEqualTo("pool.supportxmr.com");
        assertThat(IocValues.normalize(IocType.DOMAIN, "*.dropboxapi.com")).isEqualTo("dropboxapi.com");
        assertThat(IocValues.normalize(IocType.DOMAIN, "bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(IocValues.normalize(IocType.URL, "HTTP://Example.COM:80")).isEqualTo("http://example.com/");
        assertThat(IocValues.normalize(IocType.URL, "https://a.example:8443/x/y?q=1#frag")).isEqualTo("https://a.example:8443/x/y?q=1");
        assertThat(IocValues.normalize(IocType.MD5, "D41D8CD98F00B204E9800998ECF8427E")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(IocValues.normalize(IocType.AWS_ACCESS_KEY, "akiaiosfodnn7example")).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(IocValues.normalize(IocType.EMAIL, "Ops@Example.COM")).isEqualTo("ops@example.com");
        assertThat(IocValues.normalize(IocType.USER_AGENT, "  curl/8.0  ")).isEqualTo("curl/8.0");
    }

    @Test
    void badValuesSayWhy() {
        assertThatThrownBy(() -> IocValues.normalize(IocType.ADDRESS, "999.1.1.1")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> IocValues.normalize(IocType.DOMAIN, "not a domain")).hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> IocValues.normalize(IocType.URL, "/slpr")).hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> IocValues.normalize(IocType.SHA256, "abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> IocValues.normalize(IocType.AWS_ACCESS_KEY, "AKIA123")).hasMessageContaining("access key");
        assertThatThrownBy(() -> IocValues.normalize(IocType.EMAIL, "a@b@c")).hasMessageContaining("e-mail");
        assertThatThrownBy(() -> IocValues.normalize(IocType.DOMAIN, " ")).hasMessageContaining("empty");
    }

    @Test
    void derivedIdsAreStable() {
        Indicator a = Indicator.of(IocType.DOMAIN, "Pool.Example.", "list.txt", java.util.List.of());
        Indicator b = Indicator.of(IocType.DOMAIN, "pool.example", "list.txt", java.util.List.of());
        assertThat(a).isEqualTo(b);
        assertThat(a.id()).startsWith("ioc--").hasSize(37);
        assertThat(Indicator.of(IocType.DOMAIN, "pool.example", "other.txt", java.util.List.of()).id()).isNotEqualTo(a.id());
    }
}
