package dev.cloudwarden.engine.posture.source;

import dev.cloudwarden.engine.posture.model.ParsedConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * One configuration format: which files it reads, and how. A file it cannot read gives a problem naming the file, line
 * and reason, never an exception; a part it cannot read (one document of several, one resource) is left out with a
 * problem and the rest is kept.
 */
public interface ConfigSource {
    /** The format's name, as messages give it. */
    String name();

    /**
     * Whether this format reads the file, from its name and its first bytes (at most a few KB, as UTF-8 text): a JSON
     * file may be CloudFormation, ARM, a Terraform plan or an AWS snapshot.
     */
    boolean accepts(Path file, String head);

    /**
     * Reads the files of one folder that this format accepted, together: a Terraform module is its folder's files
     * (variables declared in one, used in another); most formats read each file alone ({@link PerFile}).
     */
    ParsedConfig parse(List<ConfigFile> folder);

    /** A format whose files stand alone. */
    interface PerFile extends ConfigSource {
        ParsedConfig parse(ConfigFile file);

        @Override
        default ParsedConfig parse(List<ConfigFile> folder) {
            return ParsedConfig.concat(folder.stream().map(this::parse).toList());
        }
    }
}
