package vn.canhbao.registry.provisioning;

import vn.canhbao.registry.api.RegistryException;

/**
 * 403: a claim code that is unknown, already used, expired, withdrawn or issued for another
 * gateway. The problem names the field {@code claimCode}.
 */
public class ClaimRefused extends RegistryException {
    public static final String TYPE = "urn:canhbao:problem:claim-refused";

    public ClaimRefused(String reason) {
        super(
                403,
                TYPE,
                "Mã kích hoạt bị từ chối / Claim code refused",
                "claimCode",
                "claimCode: " + reason);
    }
}
