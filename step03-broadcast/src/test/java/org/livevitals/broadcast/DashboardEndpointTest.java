package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a dashboard sends on closing reaches the server's log escaped, never raw. */
class DashboardEndpointTest {

    @Test
    void aCloseReasonWithControlCharactersIsLoggedEscaped() {
        assertThat(DashboardEndpoint.closeNote(1000, "bye\r\n12:00:00.000 INFO forged line"))
                .isEqualTo("closed 1000 bye\\r\\n12:00:00.000 INFO forged line");
        assertThat(DashboardEndpoint.closeNote(1001, null)).isEqualTo("closed 1001");
    }
}
