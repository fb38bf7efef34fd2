package jp.anzen.reporting.summary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The hand-written facility line is byte for byte what Jackson writes from the record. */
class FacilityLineJsonTest {

    @Test
    void a_line_is_written_as_databind_writes_the_record() throws Exception {
        ObjectMapper databind = new ObjectMapper();
        ObjectMapper fast = new ObjectMapper();
        new FacilityLineJson().customize(fast);
        for (Summary.FacilityLine line : new Summary.FacilityLine[] {
                SummaryParts.line("1310000001", "中央病院 \"本館\"", "hospital", "3d6825fe-0000-4000-8000-000000000001", 41, 30, 5, 2, 1),
                SummaryParts.line("2710000002", "薬局", "pharmacy", null, 0, 0, 0, 0, 0),
                SummaryParts.line("0110000003", "Clinic", "clinic", "3d6825fe-0000-4000-8000-000000000003", 0, 0, 0, 0, 0),
                SummaryParts.line("0110000004", null, null, "3d6825fe-0000-4000-8000-000000000004", 3, 1, 0, 0, 0) }) {
            assertThat(fast.writeValueAsString(line)).isEqualTo(databind.writeValueAsString(line));
        }
    }
}
