package io.lantian.dispatch.delivery;

import io.lantian.dispatch.delivery.RetrySchedule.GiveUp;
import io.lantian.dispatch.delivery.RetrySchedule.RetryIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Back-off, jitter, Retry-After and the bound on attempts — plain Java. */
class DeliveryRetryScheduleTest {

    final RetrySchedule schedule = new RetrySchedule(5, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1), 0.5,
            Duration.ofMinutes(10));

    @Test
    void theBackOffDoublesUpToItsCapAndJitterStaysWithinItsBand() {
        assertThat(schedule.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(40));
        assertThat(schedule.backoff(5, 0.5)).as("capped").isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.backoff(2, 0.0)).as("jitter low end").isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.backoff(2, 0.999_999)).as("jitter high end").isBetween(Duration.ofMillis(14_999), Duration.ofSeconds(15));
        assertThat(schedule.backoff(9, 0.999_999)).as("never above the cap").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void attemptsAreBounded() {
        assertThat(schedule.afterFailure(4, Optional.empty(), () -> 0.5)).isEqualTo(new RetryIn(Duration.ofSeconds(40)));
        assertThat(schedule.afterFailure(5, Optional.empty(), () -> 0.5)).isInstanceOf(GiveUp.class);
        assertThat(schedule.afterFailure(5, Optional.of(Duration.ofSeconds(1)), () -> 0.5))
                .as("a Retry-After does not buy more attempts").isInstanceOf(GiveUp.class);
    }

    @Test
    void aRetryAfterIsObeyedUpToItsCap() {
        assertThat(schedule.afterFailure(1, Optional.of(Duration.ofSeconds(30)), () -> 0.5))
                .as("longer than the back-off").isEqualTo(new RetryIn(Duration.ofSeconds(30)));
        assertThat(schedule.afterFailure(3, Optional.of(Duration.ofSeconds(1)), () -> 0.5))
                .as("shorter than the back-off: the receiver knows best").isEqualTo(new RetryIn(Duration.ofSeconds(1)));
        assertThat(schedule.afterFailure(1, Optional.of(Duration.ofDays(1)), () -> 0.5))
                .isEqualTo(new RetryIn(Duration.ofMinutes(10)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 08:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 07:00:00 GMT", now)).as("in the past").contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).get().isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
    }

    @Test
    void statusesAreClassifiedAndOnlyEndpointFailuresCountForTheBreaker() {
        assertThat(AttemptOutcome.ofStatus(204)).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(AttemptOutcome.ofStatus(429)).isEqualTo(AttemptOutcome.RATE_LIMITED);
        assertThat(AttemptOutcome.ofStatus(401)).isEqualTo(AttemptOutcome.CLIENT_ERROR);
        assertThat(AttemptOutcome.ofStatus(302)).as("redirects are not followed").isEqualTo(AttemptOutcome.CLIENT_ERROR);
        assertThat(AttemptOutcome.ofStatus(503)).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(AttemptOutcome.ofStatus(408)).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(AttemptOutcome.SERVER_ERROR.endpointFailure()).isTrue();
        assertThat(AttemptOutcome.TIMEOUT.endpointFailure()).isTrue();
        assertThat(AttemptOutcome.RATE_LIMITED.endpointFailure()).isFalse();
        assertThat(AttemptOutcome.CLIENT_ERROR.endpointFailure()).isFalse();
    }
}
