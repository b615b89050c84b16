package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final AtomicLong now = new AtomicLong(1_000);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void perAddressLimitIsCountedAtAcceptAndGivenBack() throws Exception {
        Admission admission = new Admission(100, 2, 0, 1, Set.of(), now::get);
        InetAddress a = address("10.0.0.1");
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).contains("too many connections from 10.0.0.1").contains("max-connections-per-ip");
        assertThat(admission.admit(address("10.0.0.2"))).as("another address is not affected").isNull();
        admission.release(a);
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.open()).isEqualTo(3);
    }

    @Test
    void newConnectionsFromOneAddressComeAtARateAfterABurst() throws Exception {
        Admission admission = new Admission(100, 100, 2, 3, Set.of(), now::get);
        InetAddress a = address("10.0.0.1");
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).contains("connecting too fast").contains("try again in 500 ms");
        now.addAndGet(500_000_000L);
        assertThat(admission.admit(a)).isNull();
    }

    @Test
    void theServerLimitCountsEveryoneAndExemptAddressesSkipOnlyThePerAddressLimits() throws Exception {
        InetAddress loopback = address("127.0.0.1");
        Admission admission = new Admission(3, 1, 1, 1, Set.of(loopback), now::get);
        assertThat(admission.admit(loopback)).isNull();
        assertThat(admission.admit(loopback)).as("exempt: no per-address limit").isNull();
        assertThat(admission.admit(address("10.0.0.1"))).isNull();
        assertThat(admission.admit(loopback)).contains("server full: it allows 3 connections");
    }

    @Test
    void anAddressIsForgottenOnceItsConnectionsAreGoneAndItsBucketIsFull() throws Exception {
        Admission admission = new Admission(100, 10, 1, 2, Set.of(), now::get);
        InetAddress a = address("10.0.0.1");
        admission.admit(a);
        admission.release(a);
        assertThat(admission.tracked()).as("its bucket is not full yet").isEqualTo(1);
        now.addAndGet(5_000_000_000L);
        admission.admit(a);
        admission.release(a);
        assertThat(admission.tracked()).isEqualTo(1);
        now.addAndGet(5_000_000_000L);
        assertThat(admission.admit(address("10.0.0.2"))).isNull();
        admission.release(address("10.0.0.2"));
        admission.admit(a);
        now.addAndGet(5_000_000_000L);
        admission.release(a);
        assertThat(admission.tracked()).as("10.0.0.1 gone once idle and full; 10.0.0.2's bucket not full").isEqualTo(1);
    }
}
