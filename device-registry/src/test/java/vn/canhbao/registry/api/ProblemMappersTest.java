package vn.canhbao.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;

class ProblemMappersTest {

    @Test
    void contractViolationBecomesA400ProblemNamingFieldAndValue() {
        Response r =
                new ProblemMappers()
                        .contractViolation(
                                new ContractViolation("lat", 200.0, "expected -90 to 90"));

        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem p = (Problem) r.getEntity();
        assertThat(p.field()).isEqualTo("lat");
        assertThat(p.value()).isEqualTo("200.0");
        assertThat(p.detail()).contains("lat").contains("200.0");
        assertThat(p.type()).isEqualTo(ProblemMappers.INVALID_FIELD);
    }

    @Test
    void registryErrorsKeepTheirStatus() {
        assertThat(RegistryException.notFound("site", "x").toProblem().status()).isEqualTo(404);
        assertThat(RegistryException.duplicate("site", "x").toProblem().status()).isEqualTo(409);
        assertThat(RegistryException.unknownReference("siteId", "site", "x").toProblem().field())
                .isEqualTo("siteId");
    }
}
