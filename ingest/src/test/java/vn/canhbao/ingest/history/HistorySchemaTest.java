package vn.canhbao.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;

class HistorySchemaTest {
    private final HistorySchema schema =
            new HistorySchema("canhbao", Duration.ofDays(90), Duration.ofDays(3650));

    @Test
    void rawIsTheDefaultPolicyForNinetyDaysAndHourlyKeepsTenYears() {
        assertThat(schema.statements())
                .contains(
                        "CREATE RETENTION POLICY \"raw\" ON \"canhbao\" DURATION 2160h REPLICATION 1"
                                + " DEFAULT",
                        "CREATE RETENTION POLICY \"hourly\" ON \"canhbao\" DURATION 87600h"
                                + " REPLICATION 1");
    }

    @Test
    void rainIsDownsampledWithASumAndOtherQuantitiesWithout() {
        assertThat(schema.createContinuousQuery(Quantity.RAIN))
                .contains("sum(\"value\") AS \"sum\"", "count(\"value\") AS \"count\"")
                .contains("INTO \"canhbao\".\"hourly\".\"rain\"")
                .contains("FROM \"canhbao\".\"raw\".\"rain\"")
                .contains("GROUP BY time(1h), *");
        assertThat(schema.createContinuousQuery(Quantity.WATER_LEVEL))
                .contains("mean(\"value\")", "min(\"value\")", "max(\"value\")")
                .doesNotContain("sum(");
    }

    @Test
    void aPointIsOneSeriesPerSensorAtTheMeasurementTime() {
        Instant t = Instant.parse("2026-11-22T01:02:03.456Z");
        TelemetryRecord r =
                TelemetryRecord.of(
                        new Reading(
                                GatewayId.of("gw-1"),
                                SensorId.of("wl-1"),
                                Quantity.WATER_LEVEL,
                                2.5,
                                t,
                                7),
                        Instant.now());
        assertThat(HistorySchema.point(r).lineProtocol(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(
                        "water_level,gateway=gw-1,sensor=wl-1 seq=7i,value=2.5 "
                                + t.toEpochMilli());
    }
}
