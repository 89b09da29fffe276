package vn.canhbao.edge.config;

import vn.canhbao.contracts.ContractViolation;

/**
 * A component's own validation of a new config, run before anything is applied (e.g. local warnings
 * need flood thresholds for a water-level sensor). All checks pass or the config is refused and the
 * old one kept.
 */
@FunctionalInterface
public interface ConfigCheck {
    /**
     * @throws ContractViolation naming the field and value the component cannot accept
     */
    void check(GatewayConfigMessage candidate);
}
