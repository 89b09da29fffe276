package vn.canhbao.stream.gateway;

import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.hazards.qc.QcParams;

/**
 * What the broadcast state said about one sensor of a gateway when the gateway rules had applied
 * {@code epoch} site configs: cached beside the sensor's rule state ({@link GatewayState}), so a
 * reading costs no broadcast look-up until the next config arrives.
 *
 * @param siteId the site that lists the sensor key, null if none
 * @param site that site's config, null if none
 * @param sensor the sensor's config, null unless the site lists it with the reading's gateway
 * @param qc quality-control limits for {@code sensor}, null when {@code sensor} is
 * @param epoch how many configs the instance had applied
 */
record Resolved(String siteId, SiteConfig site, SensorConfig sensor, QcParams qc, long epoch) {}
