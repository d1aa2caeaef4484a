package dev.cloudwarden.engine.posture.source.hadoop;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the properties of a Hadoop site file with a streaming XML parser that refuses any DTD: a site file never
 * needs one, and a DTD is how XML external entities (XXE) and entity expansion bombs get in. Nesting, property count
 * and size are bounded too.
 */
final class SiteXmlReader {
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_PROPERTIES = 100_000;

    record Property(String name, String value, boolean isFinal, int line) {
    }

    record Problem(int line, String reason) {
    }

    /** The properties read; {@code error} when the file could not be read at all (then the properties are dropped). */
    record Result(List<Property> properties, Optional<Problem> problem, boolean error, int lastLine) {
    }

    private static final XMLInputFactory FACTORY = safeFactory();

    private static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    private SiteXmlReader() {
    }

    static Result read(String xml) {
        List<Property> properties = new ArrayList<>();
        XMLStreamReader r = null;
        int lastLine = 1;
        try {
            synchronized (FACTORY) {
                r = FACTORY.createXMLStreamReader(new StringReader(xml));
            }
            int depth = 0;
            boolean sawConfiguration = false;
            PropertyBuilder current = null;
            String field = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                lastLine = Math.max(lastLine, r.getLocation().getLineNumber());
                switch (event) {
                    case XMLStreamConstants.DTD:
                        return new Result(List.of(), Optional.of(new Problem(r.getLocation().getLineNumber(),
                                "a DOCTYPE is not allowed in a site file (external entities are refused)")), true, lastLine);
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        return new Result(List.of(), Optional.of(new Problem(r.getLocation().getLineNumber(),
                                "undeclared entity &" + r.getLocalName() + ";")), true, lastLine);
                    case XMLStreamConstants.START_ELEMENT: {
                        depth++;
                        if (depth > MAX_DEPTH) {
                            return new Result(List.of(), Optional.of(new Problem(r.getLocation().getLineNumber(),
                                    "elements nested deeper than " + MAX_DEPTH)), true, lastLine);
                        }
                        String name = r.getLocalName();
                        if (depth == 1) {
                            if (!"configuration".equals(name)) {
                                return new Result(List.of(), Optional.of(new Problem(r.getLocation().getLineNumber(),
                                        "root element is <" + name + ">, not <configuration>")), true, lastLine);
                            }
                            sawConfiguration = true;
                        } else if (depth == 2 && "property".equals(name)) {
                            current = new PropertyBuilder(r.getLocation().getLineNumber());
                            // Hadoop also reads the attribute form <property name=".." value=".." final=".."/>.
                            current.name = r.getAttributeValue(null, "name");
                            current.value = r.getAttributeValue(null, "value");
                            current.isFinal = "true".equals(trim(r.getAttributeValue(null, "final")));
                        } else if (depth == 3 && current != null) {
                            field = name;
                            text.setLength(0);
                        }
                        break;
                    }
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (field != null) {
                            text.append(r.getText());
                        }
                        break;
                    case XMLStreamConstants.END_ELEMENT: {
                        if (depth == 3 && current != null && field != null) {
                            switch (field) {
                                case "name" -> current.name = text.toString();
                                case "value" -> current.value = text.toString();
                                case "final" -> current.isFinal = "true".equals(text.toString().trim());
                                default -> {
                                    // description, source, tag: documentation, not configuration
                                }
                            }
                            field = null;
                        } else if (depth == 2 && current != null) {
                            String name = trim(current.name);
                            if (name != null && !name.isEmpty()) {
                                if (properties.size() >= MAX_PROPERTIES) {
                                    return new Result(List.of(), Optional.of(new Problem(current.line,
                                            "more than " + MAX_PROPERTIES + " properties")), true, lastLine);
                                }
                                properties.add(new Property(name, trim(current.value), current.isFinal, current.line));
                            }
                            current = null;
                        }
                        depth--;
                        break;
                    }
                    default:
                        break;
                }
            }
            if (!sawConfiguration) {
                return new Result(List.of(), Optional.of(new Problem(0, "no <configuration> element")), true, lastLine);
            }
            return new Result(properties, Optional.empty(), false, lastLine);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? lastLine : Math.max(0, e.getLocation().getLineNumber());
            return new Result(List.of(), Optional.of(new Problem(line, "not well-formed XML: " + firstLine(e.getMessage()))),
                    true, lastLine);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the string
                }
            }
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.contains("Message: ") ? message.substring(message.indexOf("Message: ") + 9) : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static final class PropertyBuilder {
        final int line;
        String name;
        String value;
        boolean isFinal;

        PropertyBuilder(int line) {
            this.line = line;
        }
    }
}
