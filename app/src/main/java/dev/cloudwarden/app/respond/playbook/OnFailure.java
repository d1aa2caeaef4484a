package dev.cloudwarden.app.respond.playbook;

/** What a response does when a step fails: stop there (the default), go on with the next step, or jump to a step. */
public sealed interface OnFailure {
    record Stop() implements OnFailure {
    }

    record Continue() implements OnFailure {
    }

    record Goto(String step) implements OnFailure {
    }

    static OnFailure parse(String text) {
        if (text == null || text.equals("stop")) {
            return new Stop();
        }
        if (text.equals("continue")) {
            return new Continue();
        }
        if (text.startsWith("goto:") && text.length() > "goto:".length()) {
            return new Goto(text.substring("goto:".length()).strip());
        }
        throw new IllegalArgumentException("on_failure must be stop, continue or goto:STEP, not '" + text + "'");
    }

    default String id() {
        if (this instanceof Goto g) {
            return "goto:" + g.step();
        }
        return this instanceof Continue ? "continue" : "stop";
    }
}
