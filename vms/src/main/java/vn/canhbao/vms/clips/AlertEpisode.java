package vn.canhbao.vms.clips;

import java.time.Instant;
import vn.canhbao.contracts.SiteId;

/**
 * What the VMS keeps of an alert: where and when.
 *
 * @param alertId the alert id
 * @param site its site
 * @param episodeStart when the episode began
 * @param lastTransition event time of the latest transition seen
 * @param lastRevision revision of that transition
 */
public record AlertEpisode(
        String alertId,
        SiteId site,
        Instant episodeStart,
        Instant lastTransition,
        int lastRevision) {}
