package vn.canhbao.stream.gateway;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The processing-time timers of one gateway key, shared by the rules that need them (a held QC
 * value, a pending buffer, device health). Flink keeps one timer per key and time, so two rules
 * wanting the same millisecond share it; a count per time makes deleting safe: the timer goes only
 * when its last user lets go. Who is due is decided by each rule from its own state when a timer
 * fires.
 */
public final class SharedTimers {
    public static final MapStateDescriptor<Long, Integer> USERS =
            new MapStateDescriptor<>("timer-users", Types.LONG, Types.INT);

    private final MapState<Long, Integer> users;
    private final TimerService service;

    /**
     * @param users the keyed {@link #USERS} state
     * @param service the keyed timer service of the current element or timer
     */
    public SharedTimers(MapState<Long, Integer> users, TimerService service) {
        this.users = users;
        this.service = service;
    }

    public long currentProcessingTime() {
        return service.currentProcessingTime();
    }

    /** Registers one more user of the timer at {@code time}. */
    public void register(long time) throws Exception {
        Integer n = users.get(time);
        if (n == null) {
            service.registerProcessingTimeTimer(time);
            users.put(time, 1);
        } else {
            users.put(time, n + 1);
        }
    }

    /** One user lets go of the timer at {@code time}; the last one deletes it. */
    public void delete(long time) throws Exception {
        Integer n = users.get(time);
        if (n == null) {
            return; // fired already
        }
        if (n <= 1) {
            users.remove(time);
            service.deleteProcessingTimeTimer(time);
        } else {
            users.put(time, n - 1);
        }
    }

    /** The timer at {@code time} fired: it has no users any more. */
    static void fired(MapState<Long, Integer> users, long time) throws Exception {
        users.remove(time);
    }
}
