package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.Caller;
import dev.cloudwarden.app.server.Sessions;
import dev.cloudwarden.app.store.Role;

import java.util.List;

/**
 * What every page's frame shows: its title, which part of the menu is current, who is signed in, and the session's
 * CSRF token for the page's forms.
 */
public record Frame(String title, String active, String user, Role role, String csrf) {
    /** One entry of the main menu, with the key that reaches it (accesskey: Alt+key in Chromium). */
    public record Nav(String id, String label, String path, String key) {
    }

    public static final List<Nav> NAV = List.of(
            new Nav("incidents", "Incidents", "/incidents", "i"),
            new Nav("alerts", "Alerts", "/alerts", "a"),
            new Nav("matrix", "ATT&CK", "/matrix", "m"),
            new Nav("posture", "Posture", "/posture", "p"),
            new Nav("report", "Report", "/report", "l"),
            new Nav("hunt", "Hunt", "/hunt", "h"),
            new Nav("rules", "Rules", "/rules", "r"),
            new Nav("intel", "Intel", "/intel", "n"),
            new Nav("health", "Health", "/health", "s"));

    static Frame of(String title, String active, Caller caller, Sessions.Session session) {
        return new Frame(title, active, caller.name(), caller.role(), session == null ? "" : session.csrf());
    }

    public boolean canTriage() {
        return role.allows(Role.ANALYST);
    }

    public boolean canRespond() {
        return role.allows(Role.RESPONDER);
    }

    public boolean isAdmin() {
        return role.allows(Role.ADMIN);
    }

    public String roleId() {
        return role.id();
    }

    /** {@code page} for the menu entry of this page (aria-current), null for the others (the attribute is left out). */
    public String current(Nav nav) {
        return nav.id().equals(active) ? "page" : null;
    }
}
