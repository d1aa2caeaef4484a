package dev.cloudwarden.engine.ingest.yarn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.ingest.net.Addresses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ResourceManager's {@code AMLauncher} lines, which are where a YARN log says on which node an application
 * runs and which command it runs there:
 * <pre>
 * Setting up container Container: [ContainerId: container_1700000000000_4491_01_000001, ..., NodeId: ip-10-0-2-21.ec2.internal:45454, ...] for AM appattempt_1700000000000_4491_000001
 * Command to launch container container_1700000000000_4491_01_000001 : curl -fsSL http://.../ldr.sh | sh ...
 * </pre>
 * The command line does not repeat the node, so the node of each container set up is remembered (the most
 * recent {@value #MAX_REMEMBERED}: a launch follows its set-up within milliseconds) and given to its command
 * line. That lets an alert on the command name the machine the payload ran on, which the flow logs know.
 */
final class ContainerLaunches {
    static final int MAX_REMEMBERED = 4_096;
    private static final Pattern SETUP = Pattern.compile(
            "Setting up container Container: \\[ContainerId: (\\S+?),.*?NodeId: ([^,\\s\\]]+).*");
    private static final Pattern COMMAND = Pattern.compile("Command to launch container (\\S+) : (.*)", Pattern.DOTALL);
    /** {@code container_1700000000000_4491_01_000001}, or with an epoch: {@code container_e17_1700000000000_4491_01_000001}. */
    private static final Pattern CONTAINER_ID = Pattern.compile("container_(?:e\\d+_)?(\\d+_\\d+)_\\d+_\\d+");

    private final Map<String, String> nodeOfContainer = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** Adds what an AMLauncher {@code message} says to the event; other messages are left alone. */
    void read(String message, ObjectNode raw, EventBuilder b) {
        if (!message.startsWith("Setting up container ") && !message.startsWith("Command to launch container ")) {
            return; // most ResourceManager lines: no regular expression for them
        }
        Matcher setup = SETUP.matcher(message);
        if (setup.matches()) {
            String container = setup.group(1);
            String host = hostOf(setup.group(2));
            nodeOfContainer.put(container, host);
            describe(container, host, raw, b);
            return;
        }
        Matcher command = COMMAND.matcher(message);
        if (command.matches()) {
            String container = command.group(1);
            raw.put("command", command.group(2).strip());
            describe(container, nodeOfContainer.get(container), raw, b);
        }
    }

    private static void describe(String container, String host, ObjectNode raw, EventBuilder b) {
        raw.put("container_id", container);
        b.resource("YARN::Container", container);
        Matcher id = CONTAINER_ID.matcher(container);
        if (id.matches()) {
            String application = "application_" + id.group(1);
            raw.put("application_id", application);
            b.resource("YARN::Application", application);
        }
        if (host != null) {
            raw.put("node", host);
            b.dst(Addresses.looksLikeIp(host) ? Endpoint.ip(host) : new Endpoint(null, null, host));
        }
    }

    /** {@code ip-10-0-2-21.ec2.internal:45454} → {@code ip-10-0-2-21.ec2.internal}; {@code [fd00::5]:45454} → {@code fd00::5}. */
    private static String hostOf(String nodeId) {
        if (nodeId.startsWith("[")) {
            int end = nodeId.indexOf(']');
            return end > 1 ? nodeId.substring(1, end) : nodeId;
        }
        int colon = nodeId.lastIndexOf(':');
        return colon > 0 && nodeId.indexOf(':') == colon ? nodeId.substring(0, colon) : nodeId;
    }
}
