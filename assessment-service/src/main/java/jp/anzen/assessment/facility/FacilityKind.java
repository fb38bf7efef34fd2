package jp.anzen.assessment.facility;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of facility under the Medical Care Act and the Pharmaceutical Act, with the point-table digit
 * (点数表番号) their 10-digit code carries: 1 medical, 3 dental, 4 pharmacy.
 */
public enum FacilityKind {
    HOSPITAL("hospital", '1'),
    CLINIC("clinic", '1'),
    DENTAL_CLINIC("dental-clinic", '3'),
    PHARMACY("pharmacy", '4'),
    MIDWIFERY_HOME("midwifery-home", '1');

    private final String code;
    private final char pointTable;

    FacilityKind(String code, char pointTable) {
        this.code = code;
        this.pointTable = pointTable;
    }

    public String code() {
        return code;
    }

    public char pointTable() {
        return pointTable;
    }

    public static Optional<FacilityKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
