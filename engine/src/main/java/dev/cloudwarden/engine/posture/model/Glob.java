package dev.cloudwarden.engine.posture.model;

import java.util.regex.Pattern;

/** The one wildcard posture files use: {@code *} is any run of characters; everything else is literal. */
public final class Glob {
    private Glob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
