package dev.cloudwarden.engine.intel.feed;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources under {@code intel/} and the shared datasets under {@code ../shared/datasets/intel}. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/intel/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource intel/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ../shared/datasets/intel}, or the test is skipped with the reason. */
    static Path sharedIntel() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String c : new String[] {"shared/datasets/intel", "../shared/datasets/intel"}) {
                Path candidate = dir.resolve(c).normalize();
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        Assumptions.abort("../shared/datasets/intel not found from " + Path.of("").toAbsolutePath()
                + ": the shared intel datasets are not on this machine, so the full-sample checks are skipped");
        return null;
    }
}
