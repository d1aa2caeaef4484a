package dev.cloudwarden.engine.posture.source.terraform;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asInt;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asNumber;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/**
 * {@code cidrsubnet}, {@code cidrsubnets}, {@code cidrhost} and {@code cidrnetmask} for IPv4, so network checks see
 * the ranges a configuration computes. IPv6 prefixes give an unknown value.
 */
final class NetworkFunctions {
    private NetworkFunctions() {
    }

    private record Prefix(long address, int length) {
        long network() {
            return length == 0 ? 0 : address & (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        }
    }

    static void register(Functions f) {
        f.add("cidrsubnet", 3, (a, c) -> {
            Prefix p = parse(asString(a.get(0)));
            int newBits = asInt(a.get(1));
            BigInteger netNum = asNumber(a.get(2)).toBigIntegerExact();
            return subnet(p, newBits, netNum);
        });
        f.add("cidrsubnets", 1, -1, (a, c) -> {
            Prefix p = parse(asString(a.get(0)));
            List<Object> out = new ArrayList<>();
            long next = p.network();
            long end = p.network() + (1L << (32 - p.length()));
            for (Object bits : a.subList(1, a.size())) {
                int newLength = p.length() + asInt(bits);
                if (asInt(bits) < 1 || newLength > 32) {
                    throw new EvalException("cidrsubnets(): bad number of new bits");
                }
                long size = 1L << (32 - newLength);
                next = (next + size - 1) / size * size;
                if (next + size > end) {
                    throw new EvalException("cidrsubnets(): not enough room");
                }
                out.add(format(next) + "/" + newLength);
                next += size;
            }
            return out;
        });
        f.add("cidrhost", 2, (a, c) -> {
            Prefix p = parse(asString(a.get(0)));
            long hostBits = 32 - p.length();
            long count = 1L << hostBits;
            long host = asNumber(a.get(1)).longValueExact();
            if (host < 0) {
                host = count + host;
            }
            if (host < 0 || host >= count) {
                throw new EvalException("cidrhost(): host number out of range");
            }
            return format(p.network() + host);
        });
        f.add("cidrnetmask", 1, (a, c) -> {
            Prefix p = parse(asString(a.get(0)));
            return format(p.length() == 0 ? 0 : (0xFFFFFFFFL << (32 - p.length())) & 0xFFFFFFFFL);
        });
    }

    private static String subnet(Prefix p, int newBits, BigInteger netNum) {
        int newLength = p.length() + newBits;
        if (newBits < 0 || newLength > 32) {
            throw new EvalException("cidrsubnet(): prefix extended beyond 32 bits");
        }
        if (netNum.signum() < 0 || netNum.bitLength() > newBits) {
            throw new EvalException("cidrsubnet(): network number does not fit in " + newBits + " bits");
        }
        long address = p.network() | (netNum.longValue() << (32 - newLength));
        return format(address & 0xFFFFFFFFL) + "/" + newLength;
    }

    static Prefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || cidr.indexOf(':') >= 0) {
            throw new EvalException("not an IPv4 CIDR prefix: " + Values.abbreviate(cidr));
        }
        String[] octets = cidr.substring(0, slash).split("\\.", -1);
        if (octets.length != 4) {
            throw new EvalException("not an IPv4 address: " + Values.abbreviate(cidr));
        }
        long address = 0;
        try {
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255 || o.isEmpty() || o.length() > 3) {
                    throw new NumberFormatException();
                }
                address = address << 8 | v;
            }
            int length = Integer.parseInt(cidr.substring(slash + 1));
            if (length < 0 || length > 32) {
                throw new NumberFormatException();
            }
            return new Prefix(address, length);
        } catch (NumberFormatException e) {
            throw new EvalException("not an IPv4 CIDR prefix: " + Values.abbreviate(cidr));
        }
    }

    static String format(long address) {
        return (address >> 24 & 0xFF) + "." + (address >> 16 & 0xFF) + "." + (address >> 8 & 0xFF) + "."
                + (address & 0xFF);
    }
}
