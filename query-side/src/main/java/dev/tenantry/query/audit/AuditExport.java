package dev.tenantry.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * NDJSON export: one entry per line, hashes included, written as it is read from a database cursor, so a stream
 * of millions of entries passes through a small heap.
 */
@Component
public class AuditExport {

    private static final byte[] NEWLINE = {'\n'};

    private final AuditStream stream;
    private final ObjectMapper json;

    AuditExport(AuditStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    /** One read-only transaction: the cursor streams only inside one. */
    @Transactional(readOnly = true)
    public void write(String tenantId, AuditStream.Filter filter, OutputStream out) {
        stream.forEach(tenantId, filter, entry -> {
            try {
                out.write(json.writeValueAsBytes(entry));
                out.write(NEWLINE);
            } catch (IOException e) {
                throw new UncheckedIOException("The export's client went away", e);
            }
        });
    }
}
