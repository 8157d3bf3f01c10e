package io.gmerecording.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deadline interrupts the waiting caller, and no interrupt of its own outlives the exchange. */
class ExchangeDeadlinesTest {

    private final ExchangeDeadlines deadlines = new ExchangeDeadlines();

    @AfterEach
    void closeAndClear() {
        deadlines.close();
        Thread.interrupted();
    }

    @Test
    void aCallerWaitingPastTheDeadlineIsInterruptedAndClosingClearsNothingElse() {
        ExchangeDeadlines.Exchange exchange = deadlines.begin(0);

        Throwable waited = catchThrowable(() -> Thread.sleep(Duration.ofSeconds(10).toMillis()));
        exchange.close();

        assertThat(waited).isInstanceOf(InterruptedException.class);
        assertThat(exchange.expired()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anExchangeThatExpiresAfterItsWorkEndedLeavesNoInterruptOnceClosed() throws Exception {
        ExchangeDeadlines.Exchange exchange = deadlines.begin(0);
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!exchange.expired() && System.nanoTime() < giveUp) {
            Thread.onSpinWait(); // the work is done; the sweeper decides meanwhile
        }
        assertThat(exchange.expired()).as("the sweeper expired it within 10 s").isTrue();

        exchange.close();

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.sleep(3 * ExchangeDeadlines.SWEEP_MILLIS); // a stray interrupt would end this sleep with an exception
    }

    @Test
    void anExchangeClosedInTimeIsNeverInterrupted() throws Exception {
        ExchangeDeadlines.Exchange exchange =
                deadlines.begin(Duration.ofMillis(ExchangeDeadlines.SWEEP_MILLIS).toNanos());
        exchange.close();

        Thread.sleep(4 * ExchangeDeadlines.SWEEP_MILLIS);

        assertThat(exchange.expired()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
