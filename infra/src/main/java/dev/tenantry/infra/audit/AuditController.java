package dev.tenantry.infra.audit;

import dev.tenantry.api.membership.Permission;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import dev.tenantry.query.audit.AuditExport;
import dev.tenantry.query.audit.AuditPage;
import dev.tenantry.query.audit.AuditPageRequest;
import dev.tenantry.query.audit.AuditStream;
import dev.tenantry.query.audit.AuditVerifier;
import dev.tenantry.query.audit.PointInTimeState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The auditor's view of a tenant: its event stream, its head, and a verification of its hash chain. Reads that walk
 * a whole history (export, state, verify) are capped per organization and per node, and run off the request threads
 * with connections of the streams pool, never the requests' one ({@link AuditReads}).
 */
@RestController
@RequestMapping("/api/orgs/{orgId}/audit")
@Tag(name = "Audit")
class AuditController {

    private final AuditStream stream;
    private final AuditVerifier verifier;
    private final AuditExport export;
    private final PointInTimeState pointInTime;
    private final TenantAccess access;
    private final AuditReads reads;

    AuditController(AuditStream stream, AuditVerifier verifier, AuditExport export, PointInTimeState pointInTime,
                    TenantAccess access, AuditReads reads) {
        this.stream = stream;
        this.verifier = verifier;
        this.export = export;
        this.pointInTime = pointInTime;
        this.access = access;
        this.reads = reads;
    }

    record Head(long sequence, String hash) {
    }

    @GetMapping("/events")
    @Operation(summary = "The tenant's audit stream in sequence order, a page after a sequence (OWNER, ADMIN, AUDITOR)")
    @ProblemResponse(status = 400, codes = {"invalid-limit", "invalid-cursor", "invalid-value"})
    AuditPage events(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                     @RequestParam(defaultValue = "0") long after,
                     @RequestParam(defaultValue = "" + AuditPageRequest.DEFAULT_LIMIT) int limit,
                     @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                     @RequestParam(required = false) String type, @RequestParam(required = false) String actor) {
        access.require(orgId, user, Permission.READ_AUDIT);
        return stream.page(orgId, new AuditPageRequest(after, limit, new AuditStream.Filter(from, to, type, actor)));
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @Operation(summary = "The stream as NDJSON, one entry per line with its hashes, streamed (OWNER, ADMIN, AUDITOR)",
            responses = @ApiResponse(responseCode = "200", description = "One JSON audit entry per line",
                    content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> export(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                                 @RequestParam(required = false) Instant from,
                                                 @RequestParam(required = false) Instant to,
                                                 @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String actor,
                                                 NativeWebRequest request) {
        access.require(orgId, user, Permission.READ_AUDIT);
        AuditStream.Filter filter = new AuditStream.Filter(from, to, type, actor);
        AuditReads.Read read = reads.admit(orgId, request);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + orgId + ".ndjson\"")
                .body(read.streaming(out -> export.write(orgId, filter, out)));
    }

    @GetMapping("/state")
    @Operation(summary = "The organization as it was at an instant, rebuilt from its events (OWNER, ADMIN, AUDITOR)")
    Callable<PointInTimeState.State> state(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                           @RequestParam Instant at, NativeWebRequest request) {
        access.require(orgId, user, Permission.READ_AUDIT);
        return reads.admit(orgId, request).callable(() -> pointInTime.at(orgId, at));
    }

    @GetMapping("/head")
    @Operation(summary = "The latest sequence and hash, to record now and prove later that history did not change")
    Head head(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Permission.READ_AUDIT);
        Map<String, Object> head = stream.head(orgId)
                .orElseThrow(() -> ApiException.notFound("audit-empty", "The organization has no audit entries"));
        return new Head(((Number) head.get("sequence")).longValue(), (String) head.get("hash"));
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute the hash chain and check every entry against the event store (OWNER, ADMIN, AUDITOR)")
    Callable<AuditVerifier.Verification> verify(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                                NativeWebRequest request) {
        access.require(orgId, user, Permission.READ_AUDIT);
        return reads.admit(orgId, request).callable(() -> verifier.verify(orgId));
    }
}
