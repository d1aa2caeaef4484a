package dev.cloudwarden.app.store;

import dev.cloudwarden.app.store.IngestOffset.FileIdentity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Live inputs' read positions: loaded at start, committed in one transaction after their events are stored. */
final class Offsets {
    private final Connections connections;
    private final Clock clock;

    Offsets(Connections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    List<IngestOffset> load(String input) {
        return connections.read("load the offsets of " + input, c -> {
            List<IngestOffset> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM ingest_offsets WHERE input_name = ? ORDER BY file_key")) {
                ps.setString(1, input);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        long size = r.getLong("file_size");
                        Long fileSize = r.wasNull() ? null : size;
                        out.add(new IngestOffset(input, r.getString("file_key"), r.getLong("byte_offset"), r.getLong("line_number"),
                                new FileIdentity(r.getString("device"), r.getString("inode"), fileSize, r.getString("fingerprint")),
                                r.getString("resume_state"), Sql.instant(r, "updated_at")));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Commits offsets in one transaction: each replaces its file's earlier one; with {@code replaceAll}, the input's
     * other offsets are removed too (a live input that commits its whole state at once).
     */
    void commit(String input, Collection<IngestOffset> offsets, boolean replaceAll) {
        for (IngestOffset o : offsets) {
            if (!o.input().equals(input)) {
                throw new IllegalArgumentException("an offset of input '" + o.input() + "' committed for '" + input + "'");
            }
        }
        if (offsets.isEmpty() && !replaceAll) {
            return;
        }
        connections.write("commit the offsets of " + input, c -> {
            Instant now = clock.instant();
            if (replaceAll) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM ingest_offsets WHERE input_name = ?")) {
                    del.setString(1, input);
                    del.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_offsets (input_name, file_key, byte_offset, "
                    + "line_number, device, inode, file_size, fingerprint, resume_state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (input_name, file_key) DO UPDATE SET byte_offset = excluded.byte_offset, "
                    + "line_number = excluded.line_number, device = excluded.device, inode = excluded.inode, "
                    + "file_size = excluded.file_size, fingerprint = excluded.fingerprint, resume_state = excluded.resume_state, "
                    + "updated_at = excluded.updated_at")) {
                for (IngestOffset o : offsets) {
                    FileIdentity id = o.identity();
                    ps.setString(1, input);
                    ps.setString(2, o.fileKey());
                    ps.setLong(3, o.byteOffset());
                    ps.setLong(4, o.lineNumber());
                    Sql.setText(ps, 5, id.device());
                    Sql.setText(ps, 6, id.inode());
                    if (id.size() == null) {
                        ps.setNull(7, Types.BIGINT);
                    } else {
                        ps.setLong(7, id.size());
                    }
                    Sql.setText(ps, 8, id.fingerprint());
                    Sql.setText(ps, 9, o.resumeState());
                    Sql.setTime(ps, 10, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
