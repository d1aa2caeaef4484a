package dev.cloudwarden.simulate;

import dev.cloudwarden.simulate.write.Formats;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * The auth.log of an internet-facing Linux host (Ubuntu's OpenSSH, PAM, cron, sudo and systemd-logind wording):
 * mostly scanners guessing passwords for invented and real accounts and probing the SSH banner, with the host's own
 * cron sessions, administrators logging in with keys and running sudo, and automation using sudo. Each connection or
 * session writes its lines together, as sshd does for one connection. Deterministic for a seed; about 110 bytes a
 * line, like real files.
 */
public final class AuthLogGenerator {
    private static final String HOST = "ip-10-0-1-23";
    private static final String[] GUESSED_USERS = {"admin", "test", "user", "ubuntu", "oracle", "postgres", "git",
            "ftpuser", "deploy", "guest", "pi", "support", "hadoop", "jenkins", "minecraft", "steam", "mysql", "www",
            "dev", "server", "administrator", "nagios", "ansible", "es", "teamspeak", "odoo", "sysadmin", "centos"};
    private static final String[] ADMINS = {"alice", "bob", "carol"};
    private static final String[] OFFICE = {"198.51.100.10", "198.51.100.11", "198.51.100.12", "203.0.113.40"};
    private static final String[] SUDO_COMMANDS = {"/usr/bin/systemctl restart nginx", "/usr/bin/apt-get update",
            "/usr/bin/journalctl -u app --since today", "/usr/bin/tail -n 200 /var/log/syslog", "/usr/bin/docker ps",
            "/usr/bin/cat /etc/nginx/sites-enabled/default", "/usr/sbin/ufw status"};
    private static final String[] CRON_COMMANDS = {"command -v debian-sa1 > /dev/null && debian-sa1 1 1",
            "cd / && run-parts --report /etc/cron.hourly", "/usr/local/bin/backup.sh >/dev/null 2>&1",
            "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi"};

    private final Random random;
    private final Deque<String> pending = new ArrayDeque<>();
    private final String[] scanners;
    private Instant clock;
    private int pid = 2000;
    private int session = 1;

    public AuthLogGenerator(long seed, Instant start) {
        this.random = new Random(seed);
        this.clock = start;
        this.scanners = new String[4000]; // scanners come back: a few thousand addresses make most of the noise
        for (int i = 0; i < scanners.length; i++) {
            scanners[i] = publicAddress();
        }
    }

    /** The next line, without its line break. */
    public String next() {
        while (pending.isEmpty()) {
            clock = clock.plusMillis(random.nextInt(1200));
            int kind = random.nextInt(100);
            if (kind < 28) {
                invalidUser();
            } else if (kind < 43) {
                rootGuesses();
            } else if (kind < 55) {
                probe();
            } else if (kind < 63) {
                adminSession();
            } else if (kind < 93) {
                cron();
            } else {
                automationSudo();
            }
        }
        return pending.poll();
    }

    private void invalidUser() {
        String ip = scanner();
        int port = port();
        String user = GUESSED_USERS[random.nextInt(GUESSED_USERS.length)];
        int p = ++pid;
        sshd(p, "Invalid user " + user + " from " + ip + " port " + port);
        sshd(p, "pam_unix(sshd:auth): check pass; user unknown");
        sshd(p, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + ip);
        sshd(p, "Failed password for invalid user " + user + " from " + ip + " port " + port + " ssh2");
        sshd(p, "Received disconnect from " + ip + " port " + port + ":11: Bye Bye [preauth]");
        sshd(p, "Disconnected from invalid user " + user + " " + ip + " port " + port + " [preauth]");
    }

    private void rootGuesses() {
        String ip = scanner();
        int port = port();
        int p = ++pid;
        int tries = 1 + random.nextInt(6);
        sshd(p, "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + ip + "  user=root");
        sshd(p, "Failed password for root from " + ip + " port " + port + " ssh2");
        if (tries > 2) {
            sshd(p, "message repeated " + (tries - 1) + " times: [ Failed password for root from " + ip + " port " + port + " ssh2]");
        }
        if (tries == 6) {
            sshd(p, "error: maximum authentication attempts exceeded for root from " + ip + " port " + port + " ssh2 [preauth]");
            sshd(p, "Disconnecting authenticating user root " + ip + " port " + port + ": Too many authentication failures [preauth]");
            sshd(p, "PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + ip + "  user=root");
        } else {
            sshd(p, "Connection closed by authenticating user root " + ip + " port " + port + " [preauth]");
        }
    }

    private void probe() {
        String ip = scanner();
        int port = port();
        int p = ++pid;
        switch (random.nextInt(6)) {
            case 0 -> sshd(p, "Connection closed by " + ip + " port " + port + " [preauth]");
            case 1 -> sshd(p, "Connection reset by " + ip + " port " + port + " [preauth]");
            case 2 -> sshd(p, "kex_exchange_identification: Connection closed by remote host");
            case 3 -> sshd(p, "banner exchange: Connection from " + ip + " port " + port + ": invalid format");
            case 4 -> sshd(p, "Unable to negotiate with " + ip + " port " + port + ": no matching key exchange method found. "
                    + "Their offer: diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1 [preauth]");
            default -> sshd(p, "error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"");
        }
    }

    private void adminSession() {
        int a = random.nextInt(ADMINS.length);
        String admin = ADMINS[a];
        int uid = 1000 + a;
        String ip = OFFICE[random.nextInt(OFFICE.length)];
        int port = port();
        int p = ++pid;
        int s = session++;
        if (random.nextInt(50) == 0) {
            sshd(p, "Failed password for " + admin + " from " + ip + " port " + port + " ssh2"); // a mistyped password
        }
        sshd(p, "Accepted publickey for " + admin + " from " + ip + " port " + port + " ssh2: ED25519 SHA256:"
                + Long.toHexString(admin.hashCode() * 0x9E3779B97F4A7C15L));
        sshd(p, "pam_unix(sshd:session): session opened for user " + admin + "(uid=" + uid + ") by (uid=0)");
        line("systemd-logind[812]", "New session " + s + " of user " + admin + ".");
        for (int i = random.nextInt(4); i > 0; i--) {
            line("sudo", "   " + admin + " : TTY=pts/0 ; PWD=/home/" + admin + " ; USER=root ; COMMAND="
                    + SUDO_COMMANDS[random.nextInt(SUDO_COMMANDS.length)]);
            line("sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by " + admin + "(uid=" + uid + ")");
            line("sudo", "pam_unix(sudo:session): session closed for user root");
        }
        sshd(p, "Received disconnect from " + ip + " port " + port + ":11: disconnected by user");
        sshd(p, "Disconnected from user " + admin + " " + ip + " port " + port);
        sshd(p, "pam_unix(sshd:session): session closed for user " + admin);
        line("systemd-logind[812]", "Session " + s + " logged out. Waiting for processes to exit.");
        line("systemd-logind[812]", "Removed session " + s + ".");
    }

    private void cron() {
        String tag = "CRON[" + ++pid + "]";
        line(tag, "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)");
        if (random.nextInt(3) == 0) {
            line(tag, "(root) CMD (" + CRON_COMMANDS[random.nextInt(CRON_COMMANDS.length)] + ")");
        }
        line(tag, "pam_unix(cron:session): session closed for user root");
    }

    private void automationSudo() {
        line("sudo", "  ubuntu : PWD=/opt/app ; USER=root ; COMMAND=" + SUDO_COMMANDS[random.nextInt(SUDO_COMMANDS.length)]);
        line("sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by (uid=1000)");
        line("sudo", "pam_unix(sudo:session): session closed for user root");
    }

    private void sshd(int p, String message) {
        line("sshd[" + p + "]", message);
    }

    /** One line of the current episode; its lines follow each other within milliseconds to a second. */
    private void line(String tag, String message) {
        clock = clock.plusMillis(random.nextInt(300));
        pending.add(Formats.syslog(clock, HOST, tag, message));
    }

    private String scanner() {
        // a few addresses try far more often than the rest, as botnet nodes do
        int i = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(scanners.length);
        return scanners[i];
    }

    private int port() {
        return 1024 + random.nextInt(64511);
    }

    /** A routable IPv4 address outside private, shared, loopback and multicast space. */
    private String publicAddress() {
        while (true) {
            int a = 1 + random.nextInt(223);
            int b = random.nextInt(256);
            if (a == 10 || a == 127 || a == 100 && b >= 64 && b < 128 || a == 172 && b >= 16 && b < 32
                    || a == 192 && b == 168 || a == 169 && b == 254) {
                continue;
            }
            return a + "." + b + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }
    }
}
