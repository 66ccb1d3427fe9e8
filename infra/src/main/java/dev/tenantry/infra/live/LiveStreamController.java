package dev.tenantry.infra.live;

import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;

@RestController
@RequestMapping("/api/orgs/{orgId}")
@Tag(name = "Live updates")
class LiveStreamController {

    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final TenantAccess access;

    LiveStreamController(LiveStreams streams, StreamTickets tickets, TenantAccess access) {
        this.streams = streams;
        this.tickets = tickets;
        this.access = access;
    }

    record StreamTicket(String ticket, Instant expiresAt, String streamUrl) {
    }

    @PostMapping("/stream-ticket")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A single-use ticket, valid for seconds, to open this organization's stream from a browser "
            + "(any member)")
    StreamTicket ticket(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        StreamTickets.Ticket ticket = tickets.issue(user.id(), orgId, user.sessionId());
        return new StreamTicket(ticket.ticket(), ticket.expiresAt(),
                "/api/orgs/" + orgId + "/stream?ticket=" + ticket.ticket());
    }

    /**
     * Open to requests without an access token (see the security configuration): a browser's EventSource sends a
     * ticket instead. Either one must be there.
     */
    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events of the dashboard and the audit activity, as they happen (any member; "
            + "access token or ?ticket=). Last-Event-ID replays the activity missed")
    SseEmitter stream(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                      @RequestParam(required = false) String ticket,
                      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        String userId;
        String sessionId;
        if (ticket != null) {
            StreamTickets.Holder holder = tickets.redeem(ticket)
                    .filter(candidate -> candidate.organizationId().equals(orgId))
                    .orElseThrow(() -> ApiException.unauthorized("invalid-stream-ticket",
                            "The stream ticket is unknown, used, expired or for another organization"));
            userId = holder.userId();
            sessionId = holder.sessionId();
        } else if (user != null) {
            userId = user.id();
            sessionId = user.sessionId();
        } else {
            throw ApiException.unauthorized("authentication-required",
                    "Sign in: send an access token as 'Authorization: Bearer <token>', or ?ticket= from stream-ticket");
        }
        access.require(orgId, new AuthenticatedUser(userId, null, false, null));
        return streams.open(orgId, userId, sessionId, parse(lastEventId));
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long sequence = Long.parseLong(lastEventId.trim());
            if (sequence < 0) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-last-event-id",
                    "Last-Event-ID must be an audit sequence number (0 or more)");
        }
    }
}
