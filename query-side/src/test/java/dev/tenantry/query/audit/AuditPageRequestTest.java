package dev.tenantry.query.audit;

import dev.tenantry.api.DomainException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuditPageRequestTest {

    private static void assertRefused(ThrowingCallable request, String code, String field) {
        DomainException refusal = catchThrowableOfType(DomainException.class, request);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.field()).isEqualTo(field);
    }

    private static List<AuditEntry> entries(long... sequences) {
        return LongStream.of(sequences).mapToObj(sequence -> new AuditEntry("org", sequence, sequence, "e" + sequence,
                "OrganizationRenamedEvent", null, "Organization", "org", sequence, "actor", Instant.EPOCH, null, null,
                null, "{}", "previous", "hash")).toList();
    }

    @Test
    void aPageHoldsOneToAThousandEntriesAfterASequenceThatIsNotNegative() {
        assertThat(new AuditPageRequest(0, 1, AuditStream.Filter.NONE).limit()).isEqualTo(1);
        assertThat(new AuditPageRequest(7, 1000, AuditStream.Filter.NONE).after()).isEqualTo(7);
        assertRefused(() -> new AuditPageRequest(0, 0, AuditStream.Filter.NONE), "invalid-limit", "limit");
        assertRefused(() -> new AuditPageRequest(0, 1001, AuditStream.Filter.NONE), "invalid-limit", "limit");
        assertRefused(() -> new AuditPageRequest(-1, 100, AuditStream.Filter.NONE), "invalid-cursor", "after");
        assertRefused(() -> new AuditPageRequest(-1, 0, AuditStream.Filter.NONE), "invalid-limit", "limit");
    }

    @Test
    void aFullPageSaysWhereTheNextStartsAndAShorterOneIsTheLast() {
        AuditPageRequest three = new AuditPageRequest(4, 3, AuditStream.Filter.NONE);

        assertThat(three.pageOf(entries(5, 6, 9)).nextAfter()).isEqualTo(9);
        assertThat(three.pageOf(entries(5, 6)).nextAfter()).isNull();
        assertThat(three.pageOf(List.of())).isEqualTo(new AuditPage(List.of(), null));
    }
}
