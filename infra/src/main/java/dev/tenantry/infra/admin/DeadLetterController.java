package dev.tenantry.infra.admin;

import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Events a read model could not handle, parked per aggregate (see {@code ReadModelDeadLetters}): list, retry, evict. */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Platform administration")
class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final ParkedEvents parked;

    DeadLetterController(ParkedEvents parked) {
        this.parked = parked;
    }

    @GetMapping
    @Operation(summary = "Parked events, oldest first: read model, aggregate, event, why it failed (platform admin)")
    Items<ParkedEvents.Letter> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidField("invalid-limit", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return new Items<>(parked.list(limit));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Hand a parked event's aggregate sequence to its read model again, in order (platform admin)")
    ParkedEvents.Retry retry(@PathVariable String id) {
        return parked.retry(id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Drop a parked event for good; its read model never sees it (platform admin)")
    void evict(@PathVariable String id) {
        if (!parked.evict(id)) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("dead-letter-not-found", "No parked event " + id);
    }
}
