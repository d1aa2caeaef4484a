package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.feed.IocDetect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host of a URL indicator as a network indicator of its own, one level lower than the URL.
 *
 * <p><b>Why.</b> A feed that lists {@code http://183.76.46.30/1/crp_linux_386} says that host serves malware, but
 * flow logs, DNS queries and most proxies never show the path: only the address or the name. So the host is matched
 * too, as a lead: its confidence is 30 points below the URL's (a URL without one counts as 60), so an alert on it is
 * one level lower ({@link IntelLevels}: high becomes medium, an unrated URL's host is low).
 *
 * <p><b>Not every host.</b> Payloads are often hosted on shared services (GitHub, Google Drive, Discord's CDN, S3):
 * their hosts say nothing on their own, and matching them would flag every developer. Hosts under
 * {@link #SHARED_HOSTING} and hosts that the intel itself lists as context ({@link IntelLevels#CONTEXT}) are not
 * derived. The derived indicator keeps the URL indicator's id, so a sighting of the host is a sighting of the
 * URL's indicator.
 */
final class UrlHosts {
    /** Confidence taken off the URL's; an unrated URL's host starts from {@link #UNRATED}. */
    static final int LOWER_BY = 30;
    static final int UNRATED = 60;
    static final String LABEL = "url-host";

    /** Services that host anyone's files: a URL on them is the payload's, never the host's. */
    static final Set<String> SHARED_HOSTING = Set.of(
            "github.com", "githubusercontent.com", "github.io", "gitlab.com", "bitbucket.org", "sourceforge.net",
            "pastebin.com", "paste.ee", "hastebin.com", "ghostbin.com", "transfer.sh", "anonfiles.com",
            "google.com", "googleusercontent.com", "googleapis.com", "gstatic.com", "blogspot.com", "appspot.com",
            "dropbox.com", "dropboxusercontent.com", "mediafire.com", "mega.nz", "wetransfer.com",
            "onedrive.live.com", "1drv.ms", "sharepoint.com", "live.com", "microsoft.com", "windows.net",
            "azureedge.net", "azurewebsites.net", "amazonaws.com", "cloudfront.net", "awsstatic.com",
            "discord.com", "discordapp.com", "discordapp.net", "telegram.org", "t.me", "telegra.ph",
            "cloudflare.com", "workers.dev", "pages.dev", "r2.dev", "herokuapp.com", "netlify.app", "vercel.app",
            "firebaseapp.com", "web.app", "docker.com", "docker.io", "npmjs.org", "pypi.org", "archive.org",
            "bit.ly", "tinyurl.com", "ngrok.io", "ngrok-free.app");

    private UrlHosts() {
    }

    /** The host indicators of every URL in {@code indicators} that is not shared hosting or listed as context. */
    static List<Indicator> derive(Collection<Indicator> indicators) {
        Set<String> context = new HashSet<>();
        for (Indicator i : indicators) {
            if ((i.type() == IocType.DOMAIN || i.type() == IocType.ADDRESS) && IntelLevels.isContext(i)) {
                context.add(i.value());
            }
        }
        List<Indicator> hosts = new ArrayList<>();
        for (Indicator i : indicators) {
            if (i.type() == IocType.URL) {
                host(i).filter(h -> !shared(h.value(), context)).ifPresent(hosts::add);
            }
        }
        return hosts;
    }

    /** The URL indicator's host as an address or domain indicator, when it has a host that is one. */
    static Optional<Indicator> host(Indicator url) {
        String rest = IntelIndex.withoutScheme(url.value());
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        IocDetect.Detected d = IocDetect.host(host);
        if (!d.ok()) {
            return Optional.empty();
        }
        Integer confidence = Math.max(0, (url.confidence() == null ? UNRATED : url.confidence()) - LOWER_BY);
        List<String> labels = new ArrayList<>(url.labels());
        labels.add(LABEL);
        return Optional.of(new Indicator(url.id(), d.type(), d.value(), url.source(), confidence, labels,
                url.validFrom(), url.validUntil(), url.killChainPhases(), "host of the URL indicator " + url.value()));
    }

    /** Whether {@code host} or a parent domain of it is shared hosting or listed as context. */
    private static boolean shared(String host, Set<String> context) {
        if (context.contains(host)) {
            return true;
        }
        if (IocDetect.isAddress(host)) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        while (true) {
            if (SHARED_HOSTING.contains(name) || context.contains(name)) {
                return true;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return false;
            }
            name = name.substring(dot + 1);
        }
    }
}
